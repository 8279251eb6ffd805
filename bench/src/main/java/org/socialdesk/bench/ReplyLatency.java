package org.socialdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The delay from an agent's reply in RT to its publication on the network: posts a sandbox post,
 * waits for its ticket, replies in RT as an agent would, and times until the reply is in the
 * sandbox outbox (polled every 20 ms).
 *
 * <p>Usage: ReplyLatency RT_URL RT_TOKEN SOCIALDESK_URL ADMIN_TOKEN [REPLIES]
 */
public final class ReplyLatency {

  private final Http http = new Http();
  private final String rt;
  private final String rtService;
  private final String rtAgent =
      "Basic "
          + Base64.getEncoder().encodeToString("root:password".getBytes(StandardCharsets.UTF_8));
  private final String socialdesk;
  private final String admin;

  private ReplyLatency(String rtUrl, String rtToken, String socialdeskUrl, String adminToken) {
    this.rt = rtUrl + "/REST/2.0/";
    this.rtService = "token " + rtToken;
    this.socialdesk = socialdeskUrl;
    this.admin = "Bearer " + adminToken;
  }

  public static void main(String[] args) throws Exception {
    int replies = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    ReplyLatency bench = new ReplyLatency(args[0], args[1], args[2], args[3]);
    Histogram latency = new Histogram(60_000, 3);
    for (int i = 0; i < replies; i++) {
      latency.recordValue(bench.oneReply());
    }
    System.out.printf(
        "replies=%d p50=%d ms p95=%d ms max=%d ms%n",
        replies,
        latency.getValueAtPercentile(50),
        latency.getValueAtPercentile(95),
        latency.getMaxValue());
  }

  /** One round: returns milliseconds from the agent's reply (RT answered) to the outbox entry. */
  private long oneReply() throws Exception {
    String id = "lat-" + UUID.randomUUID();
    Map<String, Object> post = new LinkedHashMap<>();
    post.put("id", id);
    post.put("author", Map.of("handle", "latency", "followers", 10));
    post.put("text", "Latency probe " + id);
    http.send(socialdesk + "/api/channels/sandbox/posts", admin, "POST", post);
    String ticket = awaitTicket(id);
    http.send(
        rt + "ticket/" + ticket + "/correspond",
        rtAgent,
        "POST",
        Map.of("Content", "Thanks, answered " + id, "ContentType", "text/plain"));
    Instant replied = Instant.now();
    while (!published(id)) {
      Thread.sleep(20);
    }
    return java.time.Duration.between(replied, Instant.now()).toMillis();
  }

  private String awaitTicket(String id) throws Exception {
    String query = Http.encode("Queue = 'Social' AND 'CF.{SocialPostId}' = 'sandbox:" + id + "'");
    while (true) {
      JsonNode found = http.send(rt + "tickets?query=" + query, rtService, "GET", null);
      if (found.path("items").size() > 0) {
        return found.path("items").path(0).path("id").asText();
      }
      Thread.sleep(100);
    }
  }

  private boolean published(String id) throws Exception {
    for (JsonNode entry :
        http.send(socialdesk + "/api/channels/sandbox/outbox?limit=20", admin, "GET", null)) {
      if (entry.path("inReplyTo").asText().equals(id)) {
        return true;
      }
    }
    return false;
  }
}
