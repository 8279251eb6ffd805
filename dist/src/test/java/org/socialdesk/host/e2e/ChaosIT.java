package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socialdesk.testkit.TestingPostgres;

/**
 * Socialdesk's own chaos test: several instances of the real distribution share one PostgreSQL
 * database and the real RT while conversations' posts arrive concurrently, instances are killed
 * with SIGKILL every few seconds and RT is stopped once; agents then reply on every ticket while
 * the kills go on. Afterwards every count must be exact: one ticket per conversation, each
 * conversation's posts in its ticket once and in posting order, SocialPostId holding exactly the
 * ticket's post ids, each reply published once with one "Published" note. Every count that is wrong
 * is reported by name (ticket, post, reply); docs/chaos-test.md says what this covers.
 */
class ChaosIT {

  // The scenario's sizes: about three minutes on two cores.
  private static final int INSTANCES = 3;
  private static final int CONVERSATIONS = 8;
  private static final int POSTS_PER_CONVERSATION = 6;

  /** Pause before each post of a conversation, so the posts span the kills and the RT outage. */
  private static final Duration POST_GAP_MIN = Duration.ofMillis(500);

  private static final Duration POST_GAP_MAX = Duration.ofMillis(4000);
  private static final Duration KILL_EVERY_MIN = Duration.ofSeconds(3);
  private static final Duration KILL_EVERY_MAX = Duration.ofSeconds(6);
  private static final Duration RT_OUTAGE_AFTER = Duration.ofSeconds(6);
  private static final Duration RT_OUTAGE = Duration.ofSeconds(10);

  /** How long the kills go on after the last agent's reply was made. */
  private static final Duration KILLS_DURING_PUBLICATION = Duration.ofSeconds(20);

  /** Give up on a post the instances never acknowledged after this long. */
  private static final Duration POST_DEADLINE = Duration.ofSeconds(90);

  private static final Duration ARRIVAL_DEADLINE = Duration.ofSeconds(90);
  private static final Duration PUBLICATION_DEADLINE = Duration.ofSeconds(90);

  /**
   * Nothing may change for this long before the counts are taken (a late duplicate shows up here).
   */
  private static final Duration QUIET = Duration.ofSeconds(8);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern POST_MARK = Pattern.compile("\\[(c\\d+-p\\d+)]");
  private static final Pattern REPLY_MARK = Pattern.compile("\\((r\\d+)\\)");
  private static final Set<String> FINAL_REPLY_STATUSES =
      Set.of("published", "unknown", "failed", "held", "awaiting-approval");

  private final Instant began = Instant.now();
  private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

  /** Answers to the senders that were neither 2xx nor 503, by instance and status. */
  private final Map<String, IntakeError> intakeErrors =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final AtomicBoolean killing = new AtomicBoolean();
  private final List<Instance> instances = new ArrayList<>();
  private final List<Integer> killExits = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Duration rtOutage = Duration.ZERO;
  private TestRt rt;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void conversationsSurviveKilledInstancesAndAnRtOutageWithExactCounts() throws Exception {
    rt = TestRt.fromEnvironment();
    rt.reset();
    Path work =
        Files.createDirectories(Path.of("target/chaos-it").toAbsolutePath())
            .resolve("run-" + System.currentTimeMillis());
    Map<String, Duration> phases = new LinkedHashMap<>();
    Thread killer = Thread.ofPlatform().name("chaos-killer").unstarted(this::killRandomInstances);
    try (TestingPostgres postgres = TestingPostgres.createEmpty()) {
      try {
        startInstances(work, postgres);
        phases.put("start", since(began));

        Instant phase = Instant.now();
        List<Conversation> conversations = conversations();
        killer.start();
        killing.set(true);
        Thread outage = Thread.ofVirtual().name("chaos-rt-outage").start(this::stopRtOnce);
        sendConcurrently(conversations);
        intakeErrors.forEach(
            (what, error) ->
                problems.add(
                    "intake: "
                        + what
                        + " (not 2xx, nor 503 with Retry-After) "
                        + error.posts().size()
                        + " times, from "
                        + seconds(java.util.Collections.min(error.afterStart()))
                        + " to "
                        + seconds(java.util.Collections.max(error.afterStart()))
                        + " after its start, to posts "
                        + new TreeSet<>(error.posts())
                        + ": "
                        + error.body()));
        outage.join();
        killing.set(false);
        phases.put("posting (kills, RT outage)", since(phase));

        phase = Instant.now();
        awaitReadyInstances();
        Map<String, String> ticketOfConversation = awaitArrival(conversations);
        phases.put("arrival", since(phase));

        phase = Instant.now();
        killing.set(true);
        Map<String, String> replies = replyOnEveryTicket(conversations, ticketOfConversation);
        Thread.sleep(KILLS_DURING_PUBLICATION.toMillis());
        killing.set(false);
        awaitReadyInstances();
        phases.put("replies (kills)", since(phase));

        phase = Instant.now();
        awaitQuiet(replies.values());
        phases.put("publication settling", since(phase));

        phase = Instant.now();
        checkCounts(conversations, replies);
        phases.put("counting", since(phase));
      } finally {
        killing.set(false);
        killer.interrupt();
        if (killer.isAlive()) {
          killer.join();
        }
        rt.startServer();
        for (Instance instance : instances) {
          instance.process.stop();
        }
        System.out.println(summary(phases, work));
      }
    }
    String summary = summary(phases, work);
    assertThat(problems)
        .withFailMessage(
            () ->
                problems.size()
                    + " count(s) wrong after the chaos run:\n  - "
                    + String.join("\n  - ", problems)
                    + "\n"
                    + summary)
        .isEmpty();
  }

  // --- The instances and the chaos -----------------------------------------------------------

  /**
   * One instance of the distribution; {@code ready} once its /readyz answered since its last start.
   */
  private record Instance(
      int number,
      SocialdeskProcess process,
      AtomicBoolean ready,
      AtomicReference<Instant> launched) {

    void launch() throws IOException {
      launched.set(Instant.now());
      process.launch();
    }

    Duration upFor() {
      return since(launched.get());
    }
  }

  /**
   * An answer to the senders that was neither 2xx nor 503: how often, to which posts, how long
   * after a start.
   */
  private record IntakeError(List<String> posts, List<Duration> afterStart, String body) {}

  private void startInstances(Path work, TestingPostgres postgres) throws Exception {
    String database =
        """
        database:
          url: %s
          username: %s
          password: %s
          pool-size: 8
        """
            .formatted(
                postgres.url().replaceFirst("\\?.*$", ""), postgres.user(), postgres.password());
    for (int i = 1; i <= INSTANCES; i++) {
      SocialdeskProcess process =
          SocialdeskProcess.configure(work.resolve("instance-" + i), rt, "", "", database);
      instances.add(new Instance(i, process, new AtomicBoolean(), new AtomicReference<>()));
    }
    SocialdeskProcess.CommandResult provision =
        instances.getFirst().process.command("rt", "provision");
    assertThat(provision.exitCode()).as(provision.output()).isZero();
    // The first alone applies the schema; the others then start together and find it in place.
    instances.getFirst().launch();
    awaitReadyInstances();
    for (Instance instance : instances) {
      if (!instance.process.isRunning()) {
        instance.launch();
      }
    }
    awaitReadyInstances();
  }

  /**
   * While {@link #killing}: every few seconds, SIGKILL a ready instance and start it again at once.
   * The last ready instance is spared, so posts always have somewhere to go (a slow restart on a
   * busy machine would otherwise leave none for a minute).
   */
  private void killRandomInstances() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(between(KILL_EVERY_MIN, KILL_EVERY_MAX).toMillis());
        if (!killing.get()) {
          continue;
        }
        List<Instance> ready = instances.stream().filter(i -> i.ready.get()).toList();
        if (ready.size() < 2) {
          continue;
        }
        Instance victim = ready.get(ThreadLocalRandom.current().nextInt(ready.size()));
        victim.ready.set(false);
        int exit = victim.process.kill();
        killExits.add(exit);
        event("SIGKILL instance " + victim.number + " (exit " + exit + ")");
        restart(victim);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void restart(Instance instance) {
    try {
      instance.launch();
    } catch (IOException e) {
      problems.add(
          "instance " + instance.number + " could not be started again: " + e.getMessage());
      return;
    }
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                instance.process.awaitReady();
                instance.ready.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (IllegalStateException e) {
                // Killed again while starting, or it really did not come up: awaitReadyInstances
                // decides.
              }
            });
  }

  /** Every launched instance ready; one that died is started again, once. */
  private void awaitReadyInstances() throws Exception {
    for (Instance instance : instances) {
      if (instance.launched.get() == null) {
        continue;
      }
      if (!instance.process.isRunning()) {
        instance.launch();
      }
      instance.process.awaitReady();
      instance.ready.set(true);
    }
  }

  private void stopRtOnce() {
    try {
      Thread.sleep(RT_OUTAGE_AFTER.toMillis());
      Instant stopped = Instant.now();
      event("RT stopping");
      try {
        rt.stopServer();
        event("RT stopped");
        Thread.sleep(RT_OUTAGE.toMillis());
      } finally {
        rt.startServer();
        rtOutage = since(stopped);
        event("RT started again, down " + seconds(rtOutage));
      }
    } catch (Exception e) {
      problems.add("the RT outage could not be staged: " + e);
    }
  }

  // --- The customers' posts --------------------------------------------------------------------

  /**
   * A conversation of the sandbox network: its posts, oldest first, each replying to the one
   * before.
   */
  private record Conversation(int number, List<Post> posts) {
    String name() {
      return "c" + number;
    }

    String replyMark() {
      return "r" + number;
    }
  }

  private record Post(String id, String json) {
    String key() {
      return "sandbox:" + id;
    }
  }

  private List<Conversation> conversations() {
    String run = Long.toString(System.currentTimeMillis() % 100_000, 36);
    Instant start = Instant.now().minus(Duration.ofHours(1));
    List<Conversation> conversations = new ArrayList<>();
    for (int c = 1; c <= CONVERSATIONS; c++) {
      List<Post> posts = new ArrayList<>();
      String root = "c" + c + "-p1-" + run;
      for (int p = 1; p <= POSTS_PER_CONVERSATION; p++) {
        String mark = "c" + c + "-p" + p;
        String id = p == 1 ? root : mark + "-" + run;
        String inReplyTo = p == 1 ? null : posts.get(p - 2).id();
        Instant createdAt = start.plusSeconds(60L * p + c);
        posts.add(
            new Post(
                id,
                SandboxPosts.post(
                    id,
                    root,
                    inReplyTo,
                    "customer" + c,
                    150,
                    "About my order, message " + p + " of conversation " + c + " [" + mark + "]",
                    createdAt)));
      }
      conversations.add(new Conversation(c, posts));
    }
    return conversations;
  }

  /**
   * One sender per conversation, all at once; each sends its posts in order, the next once the last
   * was stored.
   */
  private void sendConcurrently(List<Conversation> conversations) throws InterruptedException {
    List<Thread> senders =
        conversations.stream()
            .map(
                conversation ->
                    Thread.ofVirtual()
                        .name("sender-" + conversation.name())
                        .start(() -> send(conversation)))
            .toList();
    for (Thread sender : senders) {
      sender.join();
    }
  }

  private void send(Conversation conversation) {
    try {
      for (Post post : conversation.posts()) {
        Thread.sleep(between(POST_GAP_MIN, POST_GAP_MAX).toMillis());
        sendUntilStored(post);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends the post to a random running instance until one acknowledges it with a 2xx, as a network
   * retrying its webhook would. A refused connection or a 503 is what a killed or starting instance
   * may answer; any other answer is a problem, reported, and retried so the counts can still be
   * checked.
   */
  private void sendUntilStored(Post post) throws InterruptedException {
    Instant deadline = Instant.now().plus(POST_DEADLINE);
    while (Instant.now().isBefore(deadline)) {
      List<Instance> running = instances.stream().filter(i -> i.process.isRunning()).toList();
      if (!running.isEmpty()) {
        Instance target = running.get(ThreadLocalRandom.current().nextInt(running.size()));
        try {
          HttpResponse<String> response =
              target.process.post("/api/channels/sandbox/posts", post.json());
          int status = response.statusCode();
          if (status / 100 == 2) {
            return;
          }
          if (status != 503) {
            IntakeError error =
                intakeErrors.computeIfAbsent(
                    "instance " + target.number + " answered " + status,
                    k ->
                        new IntakeError(
                            new java.util.concurrent.CopyOnWriteArrayList<>(),
                            new java.util.concurrent.CopyOnWriteArrayList<>(),
                            abbreviate(response.body())));
            error.posts().add(mark(post));
            error.afterStart().add(target.upFor());
          }
        } catch (IOException killedOrStarting) {
          // Connection refused or reset: the instance was killed or is not listening yet.
        }
      }
      Thread.sleep(200);
    }
    problems.add("post " + mark(post) + ": no instance stored it within " + seconds(POST_DEADLINE));
  }

  // --- Waiting, with deadlines -----------------------------------------------------------------

  /**
   * Waits until every post id is in some ticket's SocialPostId, or nothing (SocialPostId, number of
   * transactions) changed in RT for {@link #QUIET} twice over (an id may be lost for good); returns
   * each conversation's ticket, the one holding its first post (else any holding one of its posts).
   */
  private Map<String, String> awaitArrival(List<Conversation> conversations) throws Exception {
    Set<String> expected =
        conversations.stream()
            .flatMap(c -> c.posts().stream())
            .map(Post::key)
            .collect(Collectors.toSet());
    Instant deadline = Instant.now().plus(ARRIVAL_DEADLINE);
    Map<String, List<String>> postIds = Map.of();
    Object seen = null;
    Instant unchangedSince = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      postIds = socialPostIdsByTicket();
      List<Object> state = new ArrayList<>(List.of(postIds));
      for (String ticket : postIds.keySet()) {
        state.add(rt.transactionCount(ticket));
      }
      if (!state.equals(seen)) {
        seen = state;
        unchangedSince = Instant.now();
      }
      Set<String> filed =
          postIds.values().stream().flatMap(List::stream).collect(Collectors.toSet());
      if (filed.containsAll(expected)
          || since(unchangedSince).compareTo(QUIET.multipliedBy(2)) > 0) {
        break;
      }
      Thread.sleep(1000);
    }
    Map<String, List<String>> arrived = postIds;
    Map<String, String> ticketOfConversation = new LinkedHashMap<>();
    for (Conversation conversation : conversations) {
      String first = conversation.posts().getFirst().key();
      Set<String> keys = conversation.posts().stream().map(Post::key).collect(Collectors.toSet());
      arrived.entrySet().stream()
          .filter(e -> e.getValue().contains(first))
          .map(Map.Entry::getKey)
          .findFirst()
          .or(
              () ->
                  arrived.entrySet().stream()
                      .filter(e -> e.getValue().stream().anyMatch(keys::contains))
                      .map(Map.Entry::getKey)
                      .findFirst())
          .ifPresent(ticket -> ticketOfConversation.put(conversation.name(), ticket));
    }
    return ticketOfConversation;
  }

  private Map<String, List<String>> socialPostIdsByTicket() throws Exception {
    Map<String, List<String>> postIds = new LinkedHashMap<>();
    for (String ticket : rt.socialTicketIds()) {
      postIds.put(ticket, rt.fieldValues(ticket, "SocialPostId"));
    }
    return postIds;
  }

  /**
   * An agent's Reply, through RT as root, on every conversation's ticket; returns ticket by reply
   * mark.
   */
  private Map<String, String> replyOnEveryTicket(
      List<Conversation> conversations, Map<String, String> ticketOfConversation) throws Exception {
    Map<String, String> replies = new LinkedHashMap<>();
    for (Conversation conversation : conversations) {
      String ticket = ticketOfConversation.get(conversation.name());
      if (ticket == null) {
        problems.add(
            "conversation "
                + conversation.name()
                + ": no ticket holds any of its posts, so no reply was made");
        continue;
      }
      Thread.sleep(between(Duration.ZERO, Duration.ofMillis(800)).toMillis());
      rt.correspondAsAgent(
          ticket, "Thanks for your patience, we are on it. (" + conversation.replyMark() + ")");
      replies.put(conversation.replyMark(), ticket);
      event("reply " + conversation.replyMark() + " made on ticket " + ticket);
    }
    return replies;
  }

  /**
   * Waits until every replied ticket's ReplyStatus is final and nothing (transactions, statuses,
   * the sandbox outbox) changed for {@link #QUIET}, or the deadline passes.
   */
  private void awaitQuiet(Collection<String> repliedTickets) throws Exception {
    Instant deadline = Instant.now().plus(PUBLICATION_DEADLINE);
    Object seen = null;
    Instant unchangedSince = Instant.now();
    while (Instant.now().isBefore(deadline)) {
      List<Object> state = new ArrayList<>();
      boolean allFinal = true;
      for (String ticket : rt.socialTicketIds()) {
        List<String> status = rt.fieldValues(ticket, "ReplyStatus");
        state.add(List.of(ticket, rt.transactionCount(ticket), status));
        if (repliedTickets.contains(ticket)
            && status.stream().noneMatch(FINAL_REPLY_STATUSES::contains)) {
          allFinal = false;
        }
      }
      state.add(outbox().size());
      if (!state.equals(seen)) {
        seen = state;
        unchangedSince = Instant.now();
      }
      if (allFinal && since(unchangedSince).compareTo(QUIET) >= 0) {
        return;
      }
      Thread.sleep(1000);
    }
    event("not quiet within " + seconds(PUBLICATION_DEADLINE) + "; counting anyway");
  }

  // --- The counts ------------------------------------------------------------------------------

  /** What one ticket holds, read from RT as the service user. */
  private record TicketView(
      String id,
      List<String> postMarks,
      List<String> socialPostIds,
      List<String> replyMarks,
      List<String> notes) {

    long publishedNotes() {
      return notes.stream().filter(n -> n.contains("Published on")).count();
    }
  }

  private void checkCounts(List<Conversation> conversations, Map<String, String> replies)
      throws Exception {
    Map<String, TicketView> tickets = new LinkedHashMap<>();
    for (String id : rt.socialTicketIds()) {
      tickets.put(id, view(id));
    }
    if (tickets.size() != CONVERSATIONS) {
      problems.add(
          "tickets: "
              + tickets.size()
              + " in the Social queue for "
              + CONVERSATIONS
              + " conversations");
    }
    Map<String, String> conversationOfMark = new HashMap<>();
    conversations.forEach(c -> c.posts().forEach(p -> conversationOfMark.put(mark(p), c.name())));
    for (Conversation conversation : conversations) {
      checkConversation(conversation, tickets.values(), conversationOfMark);
    }
    List<JsonNode> outbox = outbox();
    for (Conversation conversation : conversations) {
      String ticket = replies.get(conversation.replyMark());
      if (ticket != null) {
        checkReply(conversation, tickets.get(ticket), outbox);
      }
    }
  }

  private void checkConversation(
      Conversation conversation,
      Collection<TicketView> tickets,
      Map<String, String> conversationOfMark) {
    List<String> expectedMarks = conversation.posts().stream().map(ChaosIT::mark).toList();
    List<TicketView> holding =
        tickets.stream()
            .filter(
                t ->
                    t.postMarks().stream().anyMatch(expectedMarks::contains)
                        || conversation.posts().stream()
                            .anyMatch(p -> t.socialPostIds().contains(p.key())))
            .toList();
    if (holding.isEmpty()) {
      problems.add("conversation " + conversation.name() + ": no ticket holds any of its posts");
      return;
    }
    if (holding.size() > 1) {
      problems.add(
          "conversation "
              + conversation.name()
              + ": split over "
              + holding.size()
              + " tickets "
              + holding.stream().map(TicketView::id).toList());
    }
    for (TicketView ticket : holding) {
      String where = "ticket " + ticket.id() + " (" + conversation.name() + ")";
      List<String> marks = ticket.postMarks();
      Map<String, Long> times =
          marks.stream()
              .collect(Collectors.groupingBy(m -> m, LinkedHashMap::new, Collectors.counting()));
      times.forEach(
          (mark, count) -> {
            if (!expectedMarks.contains(mark)) {
              problems.add(
                  where
                      + ": holds post "
                      + mark
                      + " of conversation "
                      + conversationOfMark.getOrDefault(mark, "?"));
            } else if (count > 1) {
              problems.add(where + ": post " + mark + " added " + count + " times");
            }
          });
      if (holding.size() == 1) {
        expectedMarks.stream()
            .filter(m -> !marks.contains(m))
            .forEach(m -> problems.add(where + ": post " + m + " missing"));
      }
      outOfOrder(marks.stream().distinct().filter(expectedMarks::contains).toList(), expectedMarks)
          .ifPresent(
              pair ->
                  problems.add(
                      where + ": posts out of order: " + pair + " (order in RT: " + marks + ")"));
      Set<String> expectedIds =
          conversation.posts().stream()
              .filter(p -> ticket.postMarks().contains(mark(p)) || holding.size() == 1)
              .map(Post::key)
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> actualIds = new TreeSet<>(ticket.socialPostIds());
      if (ticket.socialPostIds().size() != actualIds.size()) {
        problems.add(where + ": SocialPostId holds duplicates: " + ticket.socialPostIds());
      }
      Set<String> lost = difference(expectedIds, actualIds);
      Set<String> extra = difference(actualIds, expectedIds);
      if (!lost.isEmpty()) {
        problems.add(
            where + ": SocialPostId lacks " + marks(lost) + " (holds " + marks(actualIds) + ")");
      }
      if (!extra.isEmpty()) {
        problems.add(where + ": SocialPostId holds ids of no post in the ticket: " + marks(extra));
      }
    }
  }

  /** The first pair found in the wrong order, as "c3-p4 before c3-p2". */
  private static java.util.Optional<String> outOfOrder(List<String> actual, List<String> expected) {
    for (int i = 0; i < actual.size(); i++) {
      for (int j = i + 1; j < actual.size(); j++) {
        if (expected.indexOf(actual.get(i)) > expected.indexOf(actual.get(j))) {
          return java.util.Optional.of(actual.get(i) + " before " + actual.get(j));
        }
      }
    }
    return java.util.Optional.empty();
  }

  private void checkReply(Conversation conversation, TicketView ticket, List<JsonNode> outbox) {
    String reply = "reply " + conversation.replyMark() + " (ticket " + ticket.id() + ")";
    List<JsonNode> published =
        outbox.stream()
            .filter(e -> e.path("text").asText().contains("(" + conversation.replyMark() + ")"))
            .toList();
    if (published.size() != 1) {
      problems.add(
          reply
              + ": published "
              + published.size()
              + " times in the sandbox outbox"
              + (published.isEmpty() ? statusOf(ticket) : ""));
    }
    String lastPost = conversation.posts().getLast().id();
    published.stream()
        .filter(e -> !e.path("inReplyTo").asText().equals(lastPost))
        .findFirst()
        .ifPresent(
            e ->
                problems.add(
                    reply
                        + ": answers post "
                        + e.path("inReplyTo").asText()
                        + ", not the conversation's last post "
                        + lastPost));
    long notes = ticket.publishedNotes();
    if (notes != 1) {
      problems.add(reply + ": " + notes + " \"Published\" notes");
    }
    long agentReplies =
        ticket.replyMarks().stream().filter(m -> m.equals(conversation.replyMark())).count();
    if (agentReplies != 1) {
      problems.add(reply + ": the agent's reply is in the ticket " + agentReplies + " times");
    }
  }

  /** Why a reply was not published, as the ticket's notes say. */
  private static String statusOf(TicketView ticket) {
    List<String> others =
        ticket.notes().stream()
            .filter(n -> !n.contains("Published on"))
            .map(ChaosIT::abbreviate)
            .toList();
    return others.isEmpty() ? "; no note on the ticket says why" : "; the ticket says: " + others;
  }

  private TicketView view(String ticketId) throws Exception {
    List<String> postMarks = new ArrayList<>();
    List<String> replyMarks = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (TestRt.Transaction transaction :
        rt.transactions(ticketId, List.of("Create", "Correspond", "Comment"))) {
      if (transaction.type().equals("Comment")) {
        notes.add(transaction.text());
        continue;
      }
      Matcher post = POST_MARK.matcher(transaction.text());
      Matcher reply = REPLY_MARK.matcher(transaction.text());
      if (post.find()) {
        postMarks.add(post.group(1));
      } else if (reply.find()) {
        replyMarks.add(reply.group(1));
      }
    }
    return new TicketView(
        ticketId, postMarks, rt.fieldValues(ticketId, "SocialPostId"), replyMarks, notes);
  }

  /**
   * What the sandbox network received, read through any instance (it is in the shared database).
   */
  private List<JsonNode> outbox() throws Exception {
    Instance any =
        instances.stream().filter(i -> i.ready.get()).findFirst().orElse(instances.getFirst());
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(any.process.get("/api/channels/sandbox/outbox?limit=1000").body())
        .forEach(entries::add);
    return entries;
  }

  // --- Small helpers ---------------------------------------------------------------------------

  private String summary(Map<String, Duration> phases, Path work) {
    StringBuilder summary =
        new StringBuilder("Chaos run: ")
            .append(INSTANCES)
            .append(" instances on one PostgreSQL, ")
            .append(CONVERSATIONS)
            .append(" conversations x ")
            .append(POSTS_PER_CONVERSATION)
            .append(" posts; ")
            .append(killExits.size())
            .append(" SIGKILLs (exit statuses ")
            .append(new TreeSet<>(killExits))
            .append("), RT down ")
            .append(seconds(rtOutage))
            .append("; total ")
            .append(seconds(since(began)))
            .append('\n');
    phases.forEach(
        (name, duration) ->
            summary.append("  ").append(name).append(": ").append(seconds(duration)).append('\n'));
    events.forEach(e -> summary.append("  ").append(e).append('\n'));
    summary
        .append("  instance logs: ")
        .append(work.toAbsolutePath())
        .append("/instance-*/socialdesk.log");
    return summary.toString();
  }

  private void event(String what) {
    events.add(String.format("%6.1f s  %s", since(began).toMillis() / 1000.0, what));
  }

  private static String mark(Post post) {
    Matcher matcher = POST_MARK.matcher(post.json());
    return matcher.find() ? matcher.group(1) : post.id();
  }

  /** Post keys as their marks ("sandbox:c3-p2-xyz" becomes "c3-p2"), for short messages. */
  private static List<String> marks(Collection<String> keys) {
    return keys.stream()
        .map(k -> k.replaceFirst("^sandbox:", "").replaceFirst("-[^-]+$", ""))
        .toList();
  }

  private static Set<String> difference(Set<String> a, Set<String> b) {
    Set<String> rest = new LinkedHashSet<>(a);
    rest.removeAll(b);
    return rest;
  }

  private static Duration between(Duration min, Duration max) {
    return Duration.ofMillis(
        ThreadLocalRandom.current().nextLong(min.toMillis(), max.toMillis() + 1));
  }

  private static Duration since(Instant start) {
    return Duration.between(start, Instant.now());
  }

  private static String seconds(Duration duration) {
    return String.format("%.1f s", duration.toMillis() / 1000.0);
  }

  private static String abbreviate(String text) {
    String flat =
        Objects.toString(text, "").replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
    return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
  }
}
