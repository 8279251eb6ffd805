package org.socialdesk.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes N distinct, signed Meta webhook deliveries for {@code bench/meta-webhook.sh}, one per
 * line: {@code sha256=<hex HMAC-SHA256(app secret, body)>}, a tab, then the JSON body (one line,
 * exactly the bytes that were signed). Each delivery is {@code {"object":"page","entry":[...]}}
 * with {@value #ENTRIES} entries of the Page, each carrying one {@code feed} change: a customer's
 * comment (its own comment id) on one of 100 posts, as Meta's Page webhooks send them.
 *
 * <p>Usage: {@code MetaWebhookPayloads OUT_FILE COUNT FIRST_ID APP_SECRET PAGE_ID}
 */
public final class MetaWebhookPayloads {

  static final int ENTRIES = 10;

  private MetaWebhookPayloads() {}

  public static void main(String[] args) throws IOException, GeneralSecurityException {
    if (args.length != 5) {
      System.err.println("usage: MetaWebhookPayloads OUT_FILE COUNT FIRST_ID APP_SECRET PAGE_ID");
      System.exit(2);
    }
    Path out = Path.of(args[0]);
    int count = Integer.parseInt(args[1]);
    long firstId = Long.parseLong(args[2]);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(args[3].getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String page = args[4];
    long epoch = 1_767_225_600L; // 2026-01-01T00:00:00Z
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < count; i++) {
        StringBuilder body = new StringBuilder("{\"object\":\"page\",\"entry\":[");
        for (int e = 0; e < ENTRIES; e++) {
          long id = firstId + (long) i * ENTRIES + e;
          body.append(e == 0 ? "" : ",")
              .append(entry(page, id, 5_550_000_000L + (id % 500), epoch + i));
        }
        byte[] bytes = body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        writer.write("sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes)));
        writer.write('\t');
        writer.write(new String(bytes, StandardCharsets.UTF_8));
        writer.write('\n');
      }
    }
  }

  private static String entry(String page, long id, long customer, long time) {
    String post = page + "_" + (200_000_000_000_000L + id % 100);
    return ("{\"id\":\"%1$s\",\"time\":%5$d,\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"add\","
            + "\"post_id\":\"%2$s\",\"comment_id\":\"%3$d_%4$d\",\"parent_id\":\"%2$s\",\"from\":{\"id\":\"%6$d\",\"name\":\"Customer %6$d\"},"
            + "\"message\":\"My parcel never arrived, order %7$d, can you check please?\",\"created_time\":%5$d}}]}")
        .formatted(page, post, 200_000_000_000_000L + id % 100, id, time, customer, id % 100_000);
  }
}
