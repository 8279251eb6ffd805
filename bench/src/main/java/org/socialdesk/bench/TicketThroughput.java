package org.socialdesk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Tickets per second into RT: through Socialdesk (sandbox posts in, tickets out) against direct
 * REST2 calls creating the same tickets (same queue, requestor, fields, body) at the same
 * concurrency, in alternating rounds of one run, so drift in the machine's speed hits both.
 *
 * <p>Usage: TicketThroughput RT_URL RT_TOKEN SOCIALDESK_URL ADMIN_TOKEN [POSTS_PER_ROUND] [ROUNDS]
 * [CONCURRENCY]
 *
 * <p>With a side ({@code direct} or {@code socialdesk}) as an eighth argument, it runs that side
 * once and exits: two such commands, timed as whole processes in alternating pairs by an outside
 * tool, give a second measure of the ratio (each then also pays one JVM start).
 *
 * <p>With the environment variables RT_PID (rt-server's master) and SOCIALDESK_PID set, each round
 * also reports the CPU milliseconds per ticket that RT and Socialdesk spent, from {@code /proc}.
 */
public final class TicketThroughput {

  private final Http http = new Http();
  private final String rtUrl;
  private final String rtAuth;
  private final String socialdeskUrl;
  private final String adminAuth;

  private TicketThroughput(String rtUrl, String rtToken, String socialdeskUrl, String adminToken) {
    this.rtUrl = rtUrl + "/REST/2.0/";
    this.rtAuth = "token " + rtToken;
    this.socialdeskUrl = socialdeskUrl;
    this.adminAuth = "Bearer " + adminToken;
  }

  private static final java.time.format.DateTimeFormatter RT_DATE =
      java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
          .withZone(java.time.ZoneOffset.UTC);
  private static final String USAGE =
      "usage: TicketThroughput RT_URL RT_TOKEN SOCIALDESK_URL ADMIN_TOKEN [POSTS_PER_ROUND] [ROUNDS] [CONCURRENCY] [direct|socialdesk]";

  public static void main(String[] args) throws Exception {
    if (args.length < 4
        || args.length > 8
        || (args.length == 8 && !List.of("direct", "socialdesk").contains(args[7]))
        || !java.util.Arrays.stream(args, 4, Math.min(args.length, 7))
            .allMatch(a -> a.matches("[1-9][0-9]*"))) {
      System.err.println(USAGE);
      System.exit(2);
    }
    int posts = args.length > 4 ? Integer.parseInt(args[4]) : 40;
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
    int concurrency = args.length > 6 ? Integer.parseInt(args[6]) : 4;
    TicketThroughput bench = new TicketThroughput(args[0], args[1], args[2], args[3]);
    Map<String, Integer> fieldIds = bench.fieldIds();
    int requestor = bench.requestorId();
    if (args.length > 7) {
      double tps =
          switch (args[7]) {
            case "direct" -> bench.direct(posts, concurrency, fieldIds, requestor);
            case "socialdesk" -> bench.throughSocialdesk(posts);
            default -> throw new IllegalStateException("checked above: " + args[7]);
          };
      System.out.printf("%s %.2f tickets/s%n", args[7], tps);
      return;
    }
    CpuMeter cpu =
        new CpuMeter(
            ProcessCpu.of("rt", System.getenv("RT_PID")),
            ProcessCpu.of("socialdesk", System.getenv("SOCIALDESK_PID")));
    System.out.printf(
        "round direct_tps socialdesk_tps ratio (posts=%d, concurrency=%d)%s%n",
        posts,
        concurrency,
        cpu.enabled() ? "  cpu ms/ticket: direct[rt socialdesk] through[rt socialdesk]" : "");
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      cpu.start();
      double direct = bench.direct(posts, concurrency, fieldIds, requestor);
      String directCpu = cpu.perTicket(posts);
      cpu.start();
      double through = bench.throughSocialdesk(posts);
      String throughCpu = cpu.perTicket(posts);
      if (round == 1) {
        bench.checkDirectTicketsHaveTheRequestor();
      }
      ratios.add(through / direct);
      System.out.printf(
          "%d %.2f %.2f %.3f%s%n",
          round,
          direct,
          through,
          through / direct,
          cpu.enabled() ? "  [" + directCpu + "] [" + throughCpu + "]" : "");
    }
    ratios.sort(Double::compare);
    System.out.printf("median ratio socialdesk/direct: %.3f%n", ratios.get(ratios.size() / 2));
  }

  /** CPU of RT and Socialdesk over one side of a round; off when their pids are not given. */
  private static final class CpuMeter {
    private final ProcessCpu rt;
    private final ProcessCpu socialdesk;
    private double rtStart;
    private double socialdeskStart;

    CpuMeter(ProcessCpu rt, ProcessCpu socialdesk) {
      this.rt = rt;
      this.socialdesk = socialdesk;
    }

    boolean enabled() {
      return rt != null && socialdesk != null;
    }

    void start() throws java.io.IOException {
      if (enabled()) {
        rtStart = rt.seconds();
        socialdeskStart = socialdesk.seconds();
      }
    }

    String perTicket(int tickets) throws java.io.IOException {
      if (!enabled()) {
        return "";
      }
      return String.format(
          "%.0f %.1f",
          (rt.seconds() - rtStart) * 1000 / tickets,
          (socialdesk.seconds() - socialdeskStart) * 1000 / tickets);
    }
  }

  /** The same ticket Socialdesk makes for a sandbox post, created with direct REST2 calls. */
  private double direct(int posts, int concurrency, Map<String, Integer> fieldIds, int requestor)
      throws Exception {
    long start = System.nanoTime();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore slots = new Semaphore(concurrency);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < posts; i++) {
        String id = "direct-" + UUID.randomUUID();
        slots.acquire();
        done.add(
            threads.submit(
                () -> {
                  try {
                    http.send(rtUrl + "ticket", rtAuth, "POST", ticket(id, fieldIds, requestor));
                  } finally {
                    slots.release();
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }
    return posts / ((System.nanoTime() - start) / 1e9);
  }

  /** RT's date form, in UTC, as Socialdesk sends it. */
  private static String rtDate(Instant instant) {
    return RT_DATE.format(instant);
  }

  private Map<String, Object> ticket(String id, Map<String, Integer> fieldIds, int requestor) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(fieldIds.get("Channel").toString(), "sandbox");
    fields.put(fieldIds.get("SocialPostId").toString(), "sandbox:" + id);
    fields.put(fieldIds.get("SocialAuthor").toString(), "@bench");
    fields.put(fieldIds.get("Followers").toString(), "100");
    // The post's time, from which RT's "post time" scrip sets Created
    // (rt/initialdata/socialdesk.pl).
    fields.put(fieldIds.get("SocialPostedAt").toString(), rtDate(Instant.now()));
    // What the sentiment plugin adds to each ticket Socialdesk makes, so both sides create the same
    // tickets.
    fields.put(fieldIds.get("SocialPostURL").toString(), "sandbox://bench/" + id);
    fields.put(fieldIds.get("Sentiment").toString(), "neutral");
    fields.put(fieldIds.get("Influence").toString(), "low 24");
    fields.put(fieldIds.get("Language").toString(), "en");
    fields.put(fieldIds.get("Intent").toString(), "other");
    Map<String, Object> ticket = new LinkedHashMap<>();
    ticket.put("Queue", "Social");
    ticket.put("Subject", "[sandbox] post from @bench: benchmark post " + id);
    ticket.put("Requestor", List.of(requestor));
    ticket.put(
        "Content",
        "@bench (Bench) on sandbox, in public, "
            + Instant.now()
            + ":\n\nbenchmark post "
            + id
            + "\n\nsandbox://bench/"
            + id
            + "\n\n-- \n@bench: 100 followers\nInfluence: low 24 (100 followers (+24))\nSentiment: neutral (80% confident)\n");
    ticket.put("Priority", 30);
    ticket.put("ContentType", "text/plain");
    ticket.put("Created", rtDate(Instant.now()));
    ticket.put("Due", rtDate(Instant.now().plusSeconds(3600)));
    ticket.put("CustomFields", fields);
    return ticket;
  }

  /**
   * Sandbox posts in, timed until Socialdesk has routed every one, i.e. RT answered 201 for its
   * ticket: the same end point as the direct side's last response. Completion is read from
   * Socialdesk's pipeline status (a few small queries, as seldom as {@link #pollPause} allows), not
   * by searching RT, because a search every few milliseconds would load RT during this side's
   * rounds only (and a /metrics scrape as often costs Socialdesk more CPU than its own work). RT is
   * searched once afterwards, untimed, to check that every ticket is there.
   */
  private double throughSocialdesk(int posts) throws Exception {
    int ticketsBefore = socialTickets();
    double routedBefore = routed();
    long start = System.nanoTime();
    for (int i = 0; i < posts; i++) {
      String id = "sd-" + UUID.randomUUID();
      Map<String, Object> post = new LinkedHashMap<>();
      post.put("id", id);
      post.put(
          "author",
          Map.of("handle", "bench", "displayName", "Bench", "followers", 100, "verified", false));
      post.put("text", "benchmark post " + id);
      post.put("createdAt", Instant.now().toString());
      http.send(socialdeskUrl + "/api/channels/sandbox/posts", adminAuth, "POST", post);
    }
    double done;
    while ((done = routed() - routedBefore) < posts) {
      Thread.sleep(pollPause(posts - done, done, System.nanoTime() - start));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (int wait = 0; socialTickets() < ticketsBefore + posts; wait++) {
      if (wait == 300) {
        throw new IllegalStateException(
            "Socialdesk routed " + posts + " posts but RT does not hold their tickets");
      }
      Thread.sleep(100);
    }
    return posts / seconds;
  }

  /**
   * How long to wait before asking Socialdesk again: every 20 ms once the last few posts are in
   * flight (so the end is seen within 20 ms, as before), longer while many remain. Each look is
   * work for Socialdesk (an HTTP request and its queries), and at 50 a second it was about a third
   * of Socialdesk's CPU in the round, counted as its CPU per post and taken from the same two cores
   * as RT (docs/benchmarks.md, 2026-12-03 profile).
   */
  static long pollPause(double remaining, double done, long elapsedNanos) {
    if (remaining <= 8 || done <= 0) {
      return 20;
    }
    double secondsLeft = remaining / (done / (elapsedNanos / 1e9));
    return Math.max(20, Math.min(200, (long) (secondsLeft * 1000 / 8)));
  }

  /** Posts Socialdesk has put into tickets since it started. */
  private double routed() throws Exception {
    return http.send(socialdeskUrl + "/api/admin/pipeline", adminAuth, "GET", null)
        .path("routedSinceStart")
        .asDouble();
  }

  private int socialTickets() throws Exception {
    return http.send(
            rtUrl
                + "tickets?per_page=1&query="
                + Http.encode("Queue = 'Social' AND Subject LIKE 'sd-'"),
            rtAuth,
            "GET",
            null)
        .path("total")
        .asInt();
  }

  private Map<String, Integer> fieldIds() throws Exception {
    int queue = http.send(rtUrl + "queue/Social", rtAuth, "GET", null).path("id").asInt();
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (JsonNode field :
        http.send(
                rtUrl + "queue/" + queue + "/customfields?fields=Name&per_page=100",
                rtAuth,
                "GET",
                null)
            .path("items")) {
      ids.put(field.path("Name").asText(), field.path("id").asInt());
    }
    return ids;
  }

  /**
   * The numeric id of the requestor Socialdesk uses for sandbox posts by @bench, created if need
   * be. POST /user answers with the user's name as "id", and RT silently drops a requestor it
   * cannot find, so the id is read with a GET and checked.
   */
  private int requestorId() throws Exception {
    try {
      http.send(rtUrl + "user/sandbox.bench", rtAuth, "GET", null);
    } catch (java.io.IOException missing) {
      http.send(rtUrl + "user", rtAuth, "POST", Map.of("Name", "sandbox.bench", "Privileged", 0));
    }
    int id = http.send(rtUrl + "user/sandbox.bench", rtAuth, "GET", null).path("id").asInt();
    if (id <= 0) {
      throw new IllegalStateException("RT user sandbox.bench has no numeric id");
    }
    return id;
  }

  /** Untimed: the direct side's tickets must carry the requestor, as Socialdesk's do. */
  private void checkDirectTicketsHaveTheRequestor() throws Exception {
    JsonNode found =
        http.send(
            rtUrl
                + "tickets?per_page=100&fields=Requestor&query="
                + Http.encode("Queue = 'Social' AND Subject LIKE 'direct-'"),
            rtAuth,
            "GET",
            null);
    for (JsonNode ticket : found.path("items")) {
      if (ticket.path("Requestor").isEmpty()) {
        throw new IllegalStateException(
            "direct ticket "
                + ticket.path("id").asText()
                + " has no requestor: the two sides do not create the same tickets");
      }
    }
  }
}
