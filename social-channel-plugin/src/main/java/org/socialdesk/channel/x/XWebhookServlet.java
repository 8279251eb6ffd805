package org.socialdesk.channel.x;

import static org.socialdesk.channel.webhook.WebhookHttp.body;
import static org.socialdesk.channel.webhook.WebhookHttp.error;
import static org.socialdesk.channel.webhook.WebhookHttp.write;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.webhook.WebhookHttp;

/**
 * X's webhook at {@code /api/channels/x/webhook}, mounted public since X signs its calls:
 *
 * <ul>
 *   <li>{@code GET ?crc_token=T}: the CRC challenge, answered {@code {"response_token":
 *       "sha256=..."}} only for a token X could send (400 otherwise: the answer is signed with the
 *       key that signs deliveries, see {@link XWebhookSignature#isCrcToken});
 *   <li>{@code POST}: an Account Activity delivery. A body that does not start with '{' is 400; the
 *       {@code x-twitter-webhooks-signature} header is checked over the raw body (401, nothing
 *       stored, when missing or wrong); then the events are stored and only then acknowledged with
 *       200. An event that cannot be read (or a signed body that is not JSON) is put into the
 *       host's quarantine with the reason and acknowledged too, since X would otherwise deliver it
 *       again and again. If the host cannot store them the answer is 503, so X delivers again; a
 *       delivery stored before is a duplicate for the host's inbox.
 * </ul>
 *
 * Errors are JSON, {@code {"error": "..."}}.
 */
final class XWebhookServlet extends HttpServlet {

  static final String PATH = "/api/channels/x/webhook";
  static final int MAX_BODY_BYTES = WebhookHttp.MAX_BODY_BYTES;

  private static final Logger log = LoggerFactory.getLogger(XWebhookServlet.class);

  private final transient XWebhookSignature signature;
  private final transient XActivityReader reader;
  private final transient XDelivery delivery;

  XWebhookServlet(XWebhookSignature signature, XActivityReader reader, XDelivery delivery) {
    this.signature = signature;
    this.reader = reader;
    this.delivery = delivery;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String token = request.getParameter("crc_token");
    if (token == null || token.isEmpty()) {
      error(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "crc_token is missing; X sends GET ?crc_token=... to check the webhook");
      return;
    }
    if (!XWebhookSignature.isCrcToken(token)) {
      error(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "crc_token is not a token X sends: 1 to 128 characters of A-Za-z0-9+/=_-");
      return;
    }
    write(
        response,
        HttpServletResponse.SC_OK,
        Map.of("response_token", signature.crcResponse(token)));
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
    String header = request.getHeader(XWebhookSignature.HEADER);
    if (!signature.verifies(body, header)) {
      log.warn(
          "x: refused a webhook delivery from {} with a {} signature",
          UntrustedText.forLog(request.getRemoteAddr()),
          header == null ? "missing" : "wrong");
      error(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          header == null
              ? "the x-twitter-webhooks-signature header is missing"
              : "the x-twitter-webhooks-signature does not match the body; check plugins.social-channel.x.consumer-secret");
      return;
    }
    List<XInbound> items;
    try {
      items = reader.read(XJson.parse(body));
    } catch (IOException e) {
      // Signed by X yet unreadable: kept for an admin, and acknowledged so that X stops sending it.
      String reason =
          "malformed JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      items =
          List.of(new XInbound.Unreadable("", new String(body, StandardCharsets.UTF_8), reason));
    }
    store(items, response);
  }

  private void store(List<XInbound> items, HttpServletResponse response) throws IOException {
    try {
      int stored = delivery.deliver(items);
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("events", items.size());
      answer.put("stored", stored);
      answer.put(
          "quarantined", items.stream().filter(XInbound.Unreadable.class::isInstance).count());
      write(response, HttpServletResponse.SC_OK, answer);
    } catch (IngestUnavailableException e) {
      log.warn(
          "x: the host cannot store a webhook delivery ({}); answering 503 so that X retries",
          UntrustedText.forLog(e.getMessage()));
      WebhookHttp.unavailable(response);
    }
  }
}
