package org.socialdesk.channel.line;

import static org.socialdesk.channel.webhook.WebhookHttp.body;
import static org.socialdesk.channel.webhook.WebhookHttp.error;
import static org.socialdesk.channel.webhook.WebhookHttp.write;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;
import org.socialdesk.channel.webhook.WebhookHttp;

/**
 * LINE's webhook at {@value #PATH}, mounted public since LINE signs its calls. A {@code POST}:
 *
 * <ol>
 *   <li>a body over 1 MB is 413;
 *   <li>the {@code x-line-signature} must be the HMAC of the raw body with the channel secret,
 *       compared in constant time: else 401 and nothing is stored (nor read);
 *   <li>a signed body that is not a JSON object with an {@code events} array goes to the host's
 *       quarantine and is acknowledged, since LINE would only send it again;
 *   <li>an empty {@code events} (the console's Verify button) is 200;
 *   <li>each event is handed over ({@link LineDelivery}), and only then is the delivery answered
 *       200. If the host cannot store, the answer is 503 and LINE redelivers (when redelivery is on
 *       in the console); events handled before are skipped by their {@code webhookEventId}.
 * </ol>
 *
 * No input gives a 5xx: only the host's storage being down does. Errors are JSON {@code {"error"}}.
 */
final class LineWebhookServlet extends HttpServlet {

  static final String PATH = "/api/channels/line/webhook";
  static final int MAX_BODY_BYTES = WebhookHttp.MAX_BODY_BYTES;

  private static final Logger log = LoggerFactory.getLogger(LineWebhookServlet.class);

  private final transient LineSignature signature;
  private final transient LineDelivery delivery;
  private final transient Ingest ingest;

  LineWebhookServlet(LineSignature signature, LineDelivery delivery, Ingest ingest) {
    this.signature = signature;
    this.delivery = delivery;
    this.ingest = ingest;
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
    String header = request.getHeader(LineSignature.HEADER);
    if (!signature.verifies(body, header)) {
      log.warn(
          "line: refused a webhook delivery from {} with a {} signature",
          UntrustedText.forLog(request.getRemoteAddr()),
          header == null ? "missing" : "wrong");
      error(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          header == null
              ? "the x-line-signature header is missing"
              : "the x-line-signature does not match the body; check plugins.social-channel.line.channel-secret");
      return;
    }
    try {
      JsonNode events = events(body);
      Map<LineDelivery.Outcome, Integer> counts = new EnumMap<>(LineDelivery.Outcome.class);
      if (events == null) {
        ingest.quarantine(
            LineDelivery.NETWORK,
            new String(body, StandardCharsets.UTF_8),
            "a signed delivery that is not a JSON object with an events array");
        counts.merge(LineDelivery.Outcome.QUARANTINED, 1, Integer::sum);
      } else {
        for (JsonNode event : events) {
          counts.merge(delivery.deliver(event), 1, Integer::sum);
        }
      }
      write(
          response, HttpServletResponse.SC_OK, answer(events == null ? 0 : events.size(), counts));
    } catch (IngestUnavailableException | ChannelStorageException e) {
      log.warn(
          "line: the host cannot store a webhook delivery ({}); answering 503 so that LINE redelivers",
          UntrustedText.forLog(e.getMessage()));
      WebhookHttp.unavailable(response);
    }
  }

  /** The {@code events} array, or null when the body is not an object holding one. */
  private static JsonNode events(byte[] body) {
    try {
      JsonNode root = LineJson.parse(body);
      JsonNode events = root == null ? null : root.get("events");
      return root != null && root.isObject() && events != null && events.isArray() ? events : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Map<String, Object> answer(int events, Map<LineDelivery.Outcome, Integer> counts) {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("events", events);
    for (LineDelivery.Outcome outcome : LineDelivery.Outcome.values()) {
      answer.put(outcome.name().toLowerCase(Locale.ROOT), counts.getOrDefault(outcome, 0));
    }
    return answer;
  }
}
