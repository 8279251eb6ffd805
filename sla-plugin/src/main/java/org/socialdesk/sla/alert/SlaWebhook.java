package org.socialdesk.sla.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;
import org.socialdesk.sla.config.SlaWebhookConfig;

/**
 * POSTs one alert to the configured webhook, signed in the Standard Webhooks style: headers {@code
 * webhook-id}, {@code webhook-timestamp} (unix seconds) and {@code webhook-signature: v1,<base64
 * HMAC-SHA256 of "id.timestamp.body">}. A secret written {@code whsec_<base64>} is decoded as
 * Standard Webhooks libraries do; any other secret is used as its UTF-8 bytes.
 */
public final class SlaWebhook {

  private final URI url;
  private final byte[] key;
  private final HttpClient client;
  private final Duration timeout;

  public SlaWebhook(SlaWebhookConfig config, HttpClient client, Duration timeout) {
    this.url = config.url();
    this.key = key(config.secret());
    this.client = Objects.requireNonNull(client, "client");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  static byte[] key(Secret secret) {
    String value = secret.reveal();
    return value.startsWith("whsec_")
        ? Base64.getDecoder().decode(value.substring("whsec_".length()))
        : value.getBytes(StandardCharsets.UTF_8);
  }

  /** The value of the {@code webhook-signature} header for one delivery. */
  static String signature(byte[] key, String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest =
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Sends {@code body} as alert {@code id}; returns null when the receiver took it (2xx), else what
   * went wrong, for the outbox's {@code last_error}.
   */
  public String send(String id, String body, Instant now) {
    long timestamp = now.getEpochSecond();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("content-type", "application/json")
            .header("webhook-id", id)
            .header("webhook-timestamp", Long.toString(timestamp))
            .header("webhook-signature", signature(key, id, timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2
          ? null
          : "webhook answered HTTP " + response.statusCode();
    } catch (IOException e) {
      return "webhook unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while calling the webhook";
    }
  }
}
