package org.socialdesk.channel.line;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhook payloads as LINE sends them (line-webhook.yml; the docs' examples), and their signatures.
 */
public final class LinePayloads {

  public static final String SECRET = "8c570fa6dd201bb328f1c1eac23a96d8";
  public static final String TOKEN = "channel-access-token";
  public static final String BOT = "U0123456789abcdef0123456789abcdef";
  public static final String USER = "U4af4980629aaaaaaaaaaaaaaaaaaaaaa";
  public static final String OTHER_USER = "Ubbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  public static final String GROUP = "Ca56f94637cc4347f90a25382909b24b9";
  public static final long TIME = 1_764_750_000_000L;

  private LinePayloads() {}

  /** {@code {"destination": BOT, "events": [...]}}. */
  public static String delivery(String... events) {
    return "{\"destination\":\"" + BOT + "\",\"events\":[" + String.join(",", events) + "]}";
  }

  /** A 1:1 text message from {@link #USER}. */
  public static String text(String eventId, String messageId, String text) {
    return message(
        eventId,
        userSource(USER),
        "{\"type\":\"text\",\"id\":\""
            + messageId
            + "\",\"quoteToken\":\"q-"
            + messageId
            + "\",\"text\":"
            + json(text)
            + "}",
        false);
  }

  /** A message event with the given source and message objects. */
  public static String message(String eventId, String source, String message, boolean redelivery) {
    return "{\"type\":\"message\",\"mode\":\"active\",\"timestamp\":"
        + TIME
        + ",\"source\":"
        + source
        + ",\"webhookEventId\":\""
        + eventId
        + "\",\"deliveryContext\":{\"isRedelivery\":"
        + redelivery
        + "},"
        + "\"replyToken\":\"rt-"
        + eventId
        + "\",\"message\":"
        + message
        + "}";
  }

  public static String userSource(String userId) {
    return "{\"type\":\"user\",\"userId\":\"" + userId + "\"}";
  }

  public static String groupSource(String groupId, String userId) {
    return "{\"type\":\"group\",\"groupId\":\"" + groupId + "\",\"userId\":\"" + userId + "\"}";
  }

  /** Any other event kind, e.g. {@code follow} with {@code "follow":{"isUnblocked":false}}. */
  public static String event(String type, String eventId, String source, String extra) {
    return "{\"type\":\""
        + type
        + "\",\"mode\":\"active\",\"timestamp\":"
        + TIME
        + ",\"source\":"
        + source
        + ",\"webhookEventId\":\""
        + eventId
        + "\",\"deliveryContext\":{\"isRedelivery\":false}"
        + (extra.isEmpty() ? "" : "," + extra)
        + "}";
  }

  /** {@code base64(HMAC-SHA256(channel secret, body))}, as LINE signs a delivery. */
  public static String signature(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code text} as a JSON string literal. */
  public static String json(String text) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
