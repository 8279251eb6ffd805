package org.socialdesk.channel.meta;

import static org.socialdesk.channel.webhook.WebhookHttp.body;
import static org.socialdesk.channel.webhook.WebhookHttp.error;
import static org.socialdesk.channel.webhook.WebhookHttp.write;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;
import org.socialdesk.channel.webhook.WebhookHttp;
import org.socialdesk.channel.webhook.WebhookQueue;

/**
 * The Meta app's webhook at {@code /api/channels/meta/webhook}, mounted public since Meta signs its
 * calls; one per app, for the Page, Messenger and Instagram:
 *
 * <ul>
 *   <li>{@code GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..}: the verification. The
 *       challenge is echoed as plain text only when the mode is {@code subscribe}, the verify token
 *       matches (constant time; 403 otherwise) and the challenge is an integer, as Meta sends it
 *       (400 otherwise: nothing else is ever reflected);
 *   <li>{@code POST}: a delivery. Larger than 1 MB is 413, not a JSON object 400; the {@code
 *       X-Hub-Signature-256} is checked over the raw bytes before anything is read or stored (401
 *       when missing or wrong). Then the delivery is kept whole in the {@link WebhookQueue} and
 *       only then acknowledged with 200 {@code {"queued":true}}; the queue reads it into events
 *       afterwards (one row on the answer's path, not two per change). A body the queue does not
 *       take is read and stored before the 200, as it is. A signed body that cannot be read goes to
 *       the host's quarantine and is acknowledged, since Meta would otherwise send it for hours. If
 *       Socialdesk cannot store, 503 and Meta delivers again; what was stored before is then a
 *       duplicate.
 * </ul>
 *
 * Errors are JSON, {@code {"error": "..."}}.
 */
final class MetaWebhookServlet extends HttpServlet {

  static final String PATH = "/api/channels/meta/webhook";
  static final int MAX_BODY_BYTES = WebhookHttp.MAX_BODY_BYTES;

  private static final Logger log = LoggerFactory.getLogger(MetaWebhookServlet.class);

  private final transient MetaWebhookSignature signature;
  private final transient MetaWebhookReader reader;
  private final transient MetaDelivery delivery;
  private final transient WebhookQueue queue;
  private final transient Clock clock;

  MetaWebhookServlet(
      MetaWebhookSignature signature,
      MetaWebhookReader reader,
      MetaDelivery delivery,
      WebhookQueue queue,
      Clock clock) {
    this.signature = signature;
    this.reader = reader;
    this.delivery = delivery;
    this.queue = queue;
    this.clock = clock;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String mode = request.getParameter("hub.mode");
    String token = request.getParameter("hub.verify_token");
    String challenge = request.getParameter("hub.challenge");
    if (mode == null || token == null || challenge == null) {
      error(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "hub.mode, hub.verify_token and hub.challenge are required; Meta sends them to verify the webhook");
      return;
    }
    if (!mode.equals("subscribe")) {
      error(response, HttpServletResponse.SC_BAD_REQUEST, "hub.mode must be subscribe");
      return;
    }
    if (!signature.verifyTokenMatches(token)) {
      log.warn(
          "meta: refused a webhook verification from {} with a wrong verify token",
          UntrustedText.forLog(request.getRemoteAddr()));
      error(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          "hub.verify_token does not match plugins.social-channel.meta.verify-token");
      return;
    }
    if (!MetaWebhookSignature.isChallenge(challenge)) {
      error(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "hub.challenge must be an integer, as Meta sends it");
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("text/plain");
    response.setCharacterEncoding("US-ASCII");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.getOutputStream().write(challenge.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] body = body(request);
    if (body == null) {
      error(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "the delivery is larger than 1 MB");
      return;
    }
    if (body.length == 0 || body[0] != '{') {
      error(response, HttpServletResponse.SC_BAD_REQUEST, "the delivery must be a JSON object");
      return;
    }
    String header = request.getHeader(MetaWebhookSignature.HEADER);
    if (!signature.verifies(body, header)) {
      log.warn(
          "meta: refused a webhook delivery from {} with a {} signature",
          UntrustedText.forLog(request.getRemoteAddr()),
          header == null ? "missing" : "wrong");
      error(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          header == null
              ? "the X-Hub-Signature-256 header is missing"
              : "the X-Hub-Signature-256 does not match the body; check plugins.social-channel.meta.app-secret");
      return;
    }
    if (WebhookQueue.takes(body)) {
      queue(body, response);
    } else {
      store(reader.read(body, clock.instant()), response);
    }
  }

  /** The usual way: the delivery is kept as received and acknowledged; the queue reads it. */
  private void queue(byte[] body, HttpServletResponse response) throws IOException {
    try {
      queue.store(body);
      write(response, HttpServletResponse.SC_OK, Map.of("queued", true));
    } catch (ChannelStorageException e) {
      if (e.isRefusal()) {
        // The database refused the text itself: read it now, its events are stored (or
        // quarantined).
        store(reader.read(body, clock.instant()), response);
      } else {
        unavailable(response, e);
      }
    }
  }

  /** A body the queue does not take (over 1,000,000 bytes, or a NUL): read and stored at once. */
  private void store(List<MetaInbound> items, HttpServletResponse response) throws IOException {
    try {
      int stored = delivery.deliver(items);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("events", items.size());
      answer.put("stored", stored);
      answer.put(
          "quarantined", items.stream().filter(MetaInbound.Unreadable.class::isInstance).count());
      write(response, HttpServletResponse.SC_OK, answer);
    } catch (IngestUnavailableException | ChannelStorageException e) {
      unavailable(response, e);
    }
  }

  private static void unavailable(HttpServletResponse response, RuntimeException e)
      throws IOException {
    log.warn(
        "meta: cannot store a webhook delivery ({}); answering 503 so that Meta delivers it again",
        UntrustedText.forLog(e.getMessage()));
    WebhookHttp.unavailable(response);
  }
}
