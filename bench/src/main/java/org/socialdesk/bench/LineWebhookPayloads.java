package org.socialdesk.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes N distinct, signed LINE webhook deliveries for {@code bench/line-webhook.sh}, one per
 * line: {@code <base64 HMAC-SHA256(channel secret, body)>} (LINE's {@code x-line-signature}), a
 * tab, then the JSON body (one line, exactly the bytes that were signed). Each delivery holds one
 * 1:1 text {@code message} event (line-webhook.yml's {@code MessageEvent}) with its own message id
 * (firstId, firstId + 1, ...) and webhookEventId, from a customer out of 500, in Thai.
 *
 * <p>Usage: {@code LineWebhookPayloads OUT_FILE COUNT FIRST_ID CHANNEL_SECRET}
 */
public final class LineWebhookPayloads {

  private LineWebhookPayloads() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    if (args.length != 4) {
      System.err.println("usage: LineWebhookPayloads OUT_FILE COUNT FIRST_ID CHANNEL_SECRET");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long firstId = Long.parseLong(args[2]);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(args[3].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    long epochMs = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        String body =
            body(firstId + i, "U%032x".formatted(0xC0FFEE00L + i % 500), epochMs + i * 10L);
        writer.write(
            Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8))));
        writer.write('\t');
        writer.write(body);
        writer.write('\n');
      }
    }
  }

  private static String body(long id, String user, long timestampMs) {
    return ("{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[{\"type\":\"message\",\"mode\":\"active\","
            + "\"timestamp\":%3$d,\"source\":{\"type\":\"user\",\"userId\":\"%2$s\"},\"webhookEventId\":\"01BENCH%1$d\","
            + "\"deliveryContext\":{\"isRedelivery\":false},\"replyToken\":\"bench-reply-token-%1$d\","
            + "\"message\":{\"id\":\"%1$d\",\"type\":\"text\",\"quoteToken\":\"q-%1$d\","
            + "\"text\":\"สั่งของไปตั้งแต่วันจันทร์ ยังไม่ได้รับเลยค่ะ เลขที่คำสั่งซื้อ %4$d 📦\"}}]}")
        .formatted(id, user, timestampMs, id % 100_000);
  }
}
