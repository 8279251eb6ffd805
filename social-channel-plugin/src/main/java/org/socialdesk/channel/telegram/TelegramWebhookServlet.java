package org.socialdesk.channel.telegram;

import static org.socialdesk.channel.webhook.WebhookHttp.body;
import static org.socialdesk.channel.webhook.WebhookHttp.error;
import static org.socialdesk.channel.webhook.WebhookHttp.write;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;
import org.socialdesk.channel.webhook.WebhookHttp;

/**
 * Telegram's webhook at {@value #PATH}, mounted public since Telegram authenticates its calls with
 * the {@code secret_token} given to {@code setWebhook} (sent in {@code
 * X-Telegram-Bot-Api-Secret-Token}; the URL itself holds no secret). A {@code POST} carries one
 * update:
 *
 * <ul>
 *   <li>the header missing or wrong: 401, and nothing of the body is read or stored;
 *   <li>a body over 1 MB: 413; a body that is not a JSON object: 400;
 *   <li>an update taken in before (same {@code update_id}): 200, nothing stored again;
 *   <li>otherwise the update is stored and only then answered 200; one that cannot be read goes to
 *       the host's quarantine with the reason and is answered 200 too (Telegram would otherwise
 *       deliver it again and again);
 *   <li>the host cannot store it, or the channel's own table cannot be read or written, or the
 *       bot's username ({@code getMe}) cannot be learnt: 503 with {@code Retry-After}, so Telegram
 *       delivers it again.
 * </ul>
 *
 * Answers are JSON: {@code {"update": "stored|duplicate|ignored|quarantined"}} or {@code {"error":
 * "..."}}.
 */
final class TelegramWebhookServlet extends HttpServlet {

  static final String PATH = "/api/channels/telegram/webhook";
  static final int MAX_BODY_BYTES = WebhookHttp.MAX_BODY_BYTES;

  private static final Logger log = LoggerFactory.getLogger(TelegramWebhookServlet.class);

  private final transient TelegramWebhookSecret secret;
  private final transient TelegramIntake intake;

  TelegramWebhookServlet(TelegramWebhookSecret secret, TelegramIntake intake) {
    this.secret = secret;
    this.intake = intake;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String header = request.getHeader(TelegramWebhookSecret.HEADER);
    if (!secret.matches(header)) {
      log.warn(
          "telegram: refused a webhook delivery from {} with a {} secret token",
          UntrustedText.forLog(request.getRemoteAddr()),
          header == null ? "missing" : "wrong");
      error(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          header == null
              ? "the " + TelegramWebhookSecret.HEADER + " header is missing"
              : "the "
                  + TelegramWebhookSecret.HEADER
                  + " header does not match plugins.social-channel.telegram.webhook-secret");
      return;
    }
    byte[] body = body(request);
    if (body == null) {
      error(
          response,
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "the update is larger than 1 MB");
      return;
    }
    if (body.length == 0 || body[0] != '{') {
      error(response, HttpServletResponse.SC_BAD_REQUEST, "the update must be a JSON object");
      return;
    }
    JsonNode update;
    try {
      update = TelegramJson.parse(body);
    } catch (IOException e) {
      update = null;
    }
    take(update, body, response);
  }

  private void take(JsonNode update, byte[] body, HttpServletResponse response) throws IOException {
    try {
      TelegramIntake.Taken taken;
      if (update == null || !update.isObject()) {
        // Sent with the right secret yet unreadable: kept for an admin, and acknowledged so that
        // Telegram stops sending it.
        intake.quarantine(new String(body, StandardCharsets.UTF_8), "malformed JSON");
        taken = TelegramIntake.Taken.QUARANTINED;
      } else {
        taken = intake.take(update);
      }
      write(
          response,
          HttpServletResponse.SC_OK,
          Map.of("update", taken.name().toLowerCase(Locale.ROOT)));
    } catch (Ingest.IngestUnavailableException | TelegramUnavailable | ChannelStorageException e) {
      log.warn(
          "telegram: cannot take a webhook update in now ({}); answering 503 so that Telegram delivers it again",
          UntrustedText.forLog(e.getMessage()));
      response.setHeader("Retry-After", "30");
      error(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Socialdesk cannot store updates right now; deliver again later");
    }
  }
}
