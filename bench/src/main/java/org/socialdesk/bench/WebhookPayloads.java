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
 * Writes N distinct, signed X Account Activity deliveries for {@code bench/webhook.sh}, one per
 * line: {@code sha256=<base64 HMAC-SHA256(consumer secret, body)>}, a tab, then the JSON body (one
 * line, exactly the bytes that were signed). Each delivery holds one {@code tweet_create_events}
 * mention of the brand with its own post id (firstId, firstId + 1, ...) and a customer out of 500,
 * in the v1.1 shape X's webhooks send. wrk's Lua cannot compute an HMAC, hence the precomputed
 * signatures.
 *
 * <p>Usage: {@code WebhookPayloads OUT_FILE COUNT FIRST_ID CONSUMER_SECRET BRAND_USER_ID}
 */
public final class WebhookPayloads {

  private WebhookPayloads() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    if (args.length != 5) {
      System.err.println(
          "usage: WebhookPayloads OUT_FILE COUNT FIRST_ID CONSUMER_SECRET BRAND_USER_ID");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long firstId = Long.parseLong(args[2]);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(args[3].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String brand = args[4];
    long epochMs = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        long id = firstId + i;
        long customer = 3_000_000_000L + (i % 500);
        String body = body(brand, id, customer, epochMs + i * 10L);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
        writer.write(signature);
        writer.write('\t');
        writer.write(body);
        writer.write('\n');
      }
    }
  }

  private static String body(String brand, long id, long customer, long timestampMs) {
    return ("{\"for_user_id\":\"%1$s\",\"user_has_blocked\":\"false\",\"tweet_create_events\":[{"
            + "\"created_at\":\"Thu Jan 01 00:00:00 +0000 2026\",\"id\":%2$d,\"id_str\":\"%2$d\","
            + "\"text\":\"@ShopKite my parcel never arrived, order %5$d, can you check please?\","
            + "\"user\":{\"id\":%3$d,\"id_str\":\"%3$d\",\"name\":\"Customer %3$d\",\"screen_name\":\"customer_%3$d\","
            + "\"followers_count\":120,\"listed_count\":1,\"verified\":false,\"created_at\":\"Fri Jun 01 08:00:00 +0000 2012\"},"
            + "\"favorite_count\":0,\"retweet_count\":0,\"lang\":\"en\",\"timestamp_ms\":\"%4$d\"}]}")
        .formatted(brand, id, customer, timestampMs, id % 100_000);
  }
}
