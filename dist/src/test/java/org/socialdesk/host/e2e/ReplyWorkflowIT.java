package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reply workflow end to end: the agent replies in the real RT, the bundled plugins' checks run,
 * and the sandbox network receives (or not) what a brand may say in public.
 */
class ReplyWorkflowIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(40);

  @TempDir static Path work;
  private static TestRt rt;
  private static SocialdeskProcess socialdesk;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    rt.reset();
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          sandbox:
            enabled: true
          reply:
            length:
              mode: split
            approval:
              influence-tiers: [high, vip]
        """);
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
  }

  @Test
  void aLongReplyBecomesANumberedThreadInTheSameConversation() throws Exception {
    String post = newConversation("dan", 50, "Can you explain the refund rules?");
    String ticket = ticketOf(post);

    rt.correspondAsAgent(
        ticket,
        ("Our refund rules are simple. "
                + "You can return any item within thirty days of delivery. ")
            .repeat(10));

    List<JsonNode> parts = awaitOutbox(entries -> entries.size() >= 3, post);
    assertThat(parts.getFirst().path("text").asText()).startsWith("1/");
    assertThat(parts)
        .allSatisfy(
            p ->
                assertThat(
                        p.path("text").asText().codePointCount(0, p.path("text").asText().length()))
                    .isLessThanOrEqualTo(280));
    assertThat(parts.get(1).path("inReplyTo").asText())
        .isEqualTo(parts.getFirst().path("remoteId").asText());
  }

  @Test
  void aPublicReplyWithACardNumberIsHeldAndTheTicketSaysWhy() throws Exception {
    String post = newConversation("eve", 40, "Payment failed twice today");
    String ticket = ticketOf(post);

    rt.correspondAsAgent(ticket, "Please retry with the card 4242 4242 4242 4242 that you used.");

    assertThat(awaitField(ticket, "ReplyStatus", "held")).isTrue();
    assertThat(rt.transactionTexts(ticket, "Comment"))
        .anySatisfy(text -> assertThat(text).contains("held").contains("card"));
    assertThat(outboxFor(post)).isEmpty();
  }

  @Test
  void aReplyToAnInfluentialAuthorWaitsForApprovalThenIsPublished() throws Exception {
    String post =
        newConversation("journalist", 250_000, "Your new app update deleted all my notes.", true);
    String ticket = ticketOf(post);

    rt.correspondAsAgent(ticket, "We're sorry, we restored your notes from the backup.");

    assertThat(awaitField(ticket, "ReplyStatus", "awaiting-approval")).isTrue();
    assertThat(outboxFor(post)).isEmpty();
    rt.commentAsAgent(ticket, "/approve");

    assertThat(awaitOutbox(entries -> !entries.isEmpty(), post))
        .singleElement()
        .satisfies(
            entry -> assertThat(entry.path("text").asText()).contains("restored your notes"));
  }

  @Test
  void aReplyStartingWithDmIsSentPrivately() throws Exception {
    String post = newConversation("fay", 30, "Where is my parcel?");
    String ticket = ticketOf(post);

    rt.correspondAsAgent(ticket, "/dm\nYour tracking number is SK-884120.");

    JsonNode entry = awaitOutbox(entries -> !entries.isEmpty(), post).getFirst();
    assertThat(entry.path("visibility").asText()).isEqualTo("private");
    assertThat(entry.path("text").asText()).isEqualTo("Your tracking number is SK-884120.");
  }

  @Test
  void aReplyStartingWithDmPlusIsSentPrivatelyThenANoteAnswersThePublicPost() throws Exception {
    String post = newConversation("gil", 30, "My refund still hasn't arrived");
    String ticket = ticketOf(post);

    rt.correspondAsAgent(ticket, "/dm+\nYour refund reference is RF-20931.");

    List<JsonNode> entries = awaitOutbox(found -> found.size() >= 2, post);
    assertThat(entries)
        .extracting(e -> e.path("visibility").asText(), e -> e.path("text").asText())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("private", "Your refund reference is RF-20931."),
            org.assertj.core.groups.Tuple.tuple("public", "We've sent you a DM."));
    assertThat(awaitField(ticket, "ReplyStatus", "published")).isTrue();
  }

  @Test
  void rateLimitsAndAnOutageDelayAReplyButItIsPublishedOnce() throws Exception {
    String post = newConversation("gus", 30, "Is the shop open on Sunday?");
    String ticket = ticketOf(post);
    assertThat(
            socialdesk
                .post("/api/channels/sandbox/faults", "{\"publish\": \"rate-limit-next-1\"}")
                .statusCode())
        .isEqualTo(200);

    rt.correspondAsAgent(ticket, "Yes, from 10 to 16.");
    // The rate-limited attempt must not publish: nothing in the outbox for a while.
    await()
        .during(Duration.ofMillis(1500))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(outboxFor(post)).isEmpty());
    assertThat(
            socialdesk
                .post("/api/channels/sandbox/faults", "{\"publish\": \"fail-next-1\"}")
                .statusCode())
        .isEqualTo(200);

    assertThat(awaitOutbox(entries -> !entries.isEmpty(), post)).hasSize(1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(outboxFor(post)).hasSize(1));
  }

  private static String newConversation(String handle, long followers, String text)
      throws Exception {
    return newConversation(handle, followers, text, false);
  }

  private static String newConversation(
      String handle, long followers, String text, boolean verified) throws Exception {
    String id = "wf-" + UUID.randomUUID().toString().substring(0, 8);
    String json =
        SandboxPosts.post(id, id, null, handle, followers, text, Instant.now().minusSeconds(60));
    if (verified) {
      json = json.replace("\"verified\":false", "\"verified\":true");
    }
    assertThat(socialdesk.post("/api/channels/sandbox/posts", json).statusCode()).isEqualTo(202);
    return id;
  }

  private static String ticketOf(String postId) throws Exception {
    return rt.awaitTicketWithPost("sandbox:" + postId, WAIT, socialdesk::log);
  }

  private static boolean awaitField(String ticket, String field, String value) throws Exception {
    return TestRt.holdsWithin(WAIT, () -> rt.fieldValues(ticket, field).contains(value));
  }

  /** The outbox entries answering {@code postId} or one of those entries, oldest first. */
  private static List<JsonNode> outboxFor(String postId) throws Exception {
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(socialdesk.get("/api/channels/sandbox/outbox?limit=1000").body())
        .forEach(all::add);
    List<JsonNode> thread = new ArrayList<>();
    List<String> answered = new ArrayList<>(List.of(postId));
    for (JsonNode entry : all.reversed()) {
      if (answered.contains(entry.path("inReplyTo").asText())) {
        thread.add(entry);
        answered.add(entry.path("remoteId").asText());
      }
    }
    return thread;
  }

  private static List<JsonNode> awaitOutbox(
      java.util.function.Predicate<List<JsonNode>> done, String postId) throws Exception {
    Optional<List<JsonNode>> entries =
        TestRt.eventually(
            WAIT,
            () -> {
              try {
                List<JsonNode> found = outboxFor(postId);
                return done.test(found) ? Optional.of(found) : Optional.empty();
              } catch (Exception e) {
                return Optional.empty();
              }
            });
    assertThat(entries).as("outbox entries for " + postId + "\n" + socialdesk.log()).isPresent();
    return entries.get();
  }
}
