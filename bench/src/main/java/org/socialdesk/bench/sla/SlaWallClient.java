package org.socialdesk.bench.sla;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The wall's stream client, in its own JVM as a browser would be: reads {@code GET
 * /api/wall/stream} until the server closes it and records, for every {@code post} event, the
 * milliseconds from its publication (in the post's text) to its arrival here. The first WARMUP
 * posts are left out (JIT, first connections).
 *
 * <p>Usage: SlaWallClient URL [WARMUP]
 */
public final class SlaWallClient {

  private static final Pattern STAMP = Pattern.compile("seq=(\\d+) t=(\\d+)");

  private SlaWallClient() {}

  public static void main(String[] args) throws Exception {
    long warmup = args.length > 1 ? Long.parseLong(args[1]) : 500;
    HttpResponse<java.util.stream.Stream<String>> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(args[0])).build(),
                HttpResponse.BodyHandlers.ofLines());
    Histogram millis = new Histogram(600_000, 3);
    long posts = 0;
    long lagging = 0;
    long maxSeq = -1;
    String event = null;
    try {
      Iterator<String> lines = response.body().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("event: ")) {
          event = line.substring(7);
          lagging += event.equals("lagging") ? 1 : 0;
        } else if (line.startsWith("data: ") && "post".equals(event)) {
          long now = System.currentTimeMillis();
          Matcher stamp = STAMP.matcher(line);
          if (stamp.find()) {
            posts++;
            long seq = Long.parseLong(stamp.group(1));
            maxSeq = Math.max(maxSeq, seq);
            if (seq >= warmup) {
              millis.recordValue(Math.max(0, now - Long.parseLong(stamp.group(2))));
            }
          }
        }
      }
    } catch (java.io.UncheckedIOException e) {
      // the server went away: the run is over
    }
    System.out.printf(
        "client: post events=%d (last seq %d) measured=%d latency p50=%d ms p99=%d ms max=%d ms"
            + " lagging=%d%n",
        posts,
        maxSeq,
        millis.getTotalCount(),
        millis.getValueAtPercentile(50),
        millis.getValueAtPercentile(99),
        millis.getMaxValue(),
        lagging);
  }
}
