package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.CUSTOMER;
import static org.socialdesk.channel.meta.MetaStubs.IG;
import static org.socialdesk.channel.meta.MetaStubs.IGSID;
import static org.socialdesk.channel.meta.MetaStubs.IG_COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;
import static org.socialdesk.channel.meta.MetaStubs.PSID;
import static org.socialdesk.channel.meta.MetaStubs.REPLY;
import static org.socialdesk.channel.meta.MetaStubs.VISITOR_POST;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.channel.webhook.WebhookQueue;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

class MetaWebhookServletTest {

  static final long T = NOW.getEpochSecond() - 60;
  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaWebhookSignature signer =
      new MetaWebhookSignature(Secret.of(MetaStubs.APP_SECRET), null);
  private TestingPluginContext context;
  private MetaChannel channel;
  private TestingJetty jetty;

  @BeforeEach
  void start() throws Exception {
    context =
        serverContext(
            new SettableClock(NOW), ingest, db, new RecordingHelpdesk(), new ImmediateEventBus());
    channel = MetaChannel.start(MetaStubs.config(URI.create("http://127.0.0.1:9")), context);
    jetty = new TestingJetty(context.mounts());
  }

  /** What a running server gives the channel, with the webhook mounted on no Graph API. */
  static TestingPluginContext serverContext(
      SettableClock clock,
      RecordingIngest ingest,
      DataSource db,
      RecordingHelpdesk helpdesk,
      ImmediateEventBus events) {
    return TestingPluginContext.builder()
        .clock(clock)
        .ingest(ingest)
        .runMode(RunMode.SERVER)
        .dataSource(db)
        .httpClients(Duration.ofSeconds(5))
        .helpdesk(helpdesk)
        .events(events)
        .ownScheduler()
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    jetty.close();
    channel.stop();
    context.close();
  }

  /** Deliveries kept by the webhook and not read into events yet. */
  static long waiting(DataSource db) {
    return new ChannelJdbc(db)
        .queryOne("count", "select count(*) from webhook_delivery", row -> row.getLong(1))
        .orElseThrow();
  }

  /** Waits until the webhook's queue has read every delivery it kept. */
  static void awaitRead(DataSource db) {
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting(db) == 0);
  }

  @Test
  void isMountedPublicSinceMetaSignsItsCalls() {
    assertThat(context.mounts().get(MetaWebhookServlet.PATH).access())
        .isEqualTo(WebRegistry.Access.PUBLIC);
  }

  @Test
  void echoesTheChallengeOfAVerificationWithTheRightToken() throws Exception {
    HttpResponse<String> response = verify("subscribe", MetaStubs.VERIFY_TOKEN, "1158201444");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("1158201444");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }

  @Test
  void refusesAVerificationWithAWrongTokenOrModeOrMissingParameters() throws Exception {
    assertThat(verify("subscribe", "guess", "1158201444").statusCode()).isEqualTo(403);
    assertThat(verify("subscribe", MetaStubs.VERIFY_TOKEN + "x", "1").statusCode()).isEqualTo(403);
    assertThat(verify("unsubscribe", MetaStubs.VERIFY_TOKEN, "1").statusCode()).isEqualTo(400);
    assertThat(
            http.send(
                    HttpRequest.newBuilder(jetty.uri(MetaWebhookServlet.PATH)).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void neverReflectsAChallengeThatIsNotAnInteger() throws Exception {
    for (String challenge :
        List.of(
            "<script>alert(1)</script>",
            "{\"object\":\"page\"}",
            "12 34",
            "abc",
            "1".repeat(65),
            "sha256=00")) {
      HttpResponse<String> response = verify("subscribe", MetaStubs.VERIFY_TOKEN, challenge);

      assertThat(response.statusCode()).as(challenge).isEqualTo(400);
      assertThat(response.body()).as(challenge).doesNotContain(challenge);
    }
  }

  @Test
  void readsEveryEntryAndChangeOfABatchIntoEvents() throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":["
            + "{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + T
            + ",\"changes\":["
            + feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "My order never arrived", null)
            + ","
            + feed("comment", "add", REPLY, "5550000000000002", "Omid", "Same here!", COMMENT)
            + "]},"
            + "{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + T
            + ",\"changes\":["
            + "{\"field\":\"feed\",\"value\":{\"item\":\"status\",\"verb\":\"add\",\"post_id\":\""
            + VISITOR_POST
            + "\",\"from\":{\"id\":\""
            + CUSTOMER
            + "\",\"name\":\"Nadia\"},\"message\":\"Where is my refund?\",\"created_time\":"
            + T
            + "}}]}]}";

    HttpResponse<String> response = post(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"queued\":true}");
    assertThat(ingest.storedPostIds()).containsExactlyInAnyOrder(COMMENT, REPLY, VISITOR_POST);
    SocialPost comment = post(COMMENT);
    assertThat(comment.conversationId()).isEqualTo(COMMENT);
    assertThat(comment.inReplyToId()).isEqualTo(PAGE_POST);
    assertThat(comment.author().accountId()).isEqualTo(CUSTOMER);
    assertThat(comment.author().handle()).isEqualTo("Nadia");
    assertThat(comment.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(comment.postedAt()).isEqualTo(Instant.ofEpochSecond(T));
    SocialPost reply = post(REPLY);
    assertThat(reply.conversationId())
        .as("a reply joins its top-level comment's thread")
        .isEqualTo(COMMENT);
    assertThat(reply.inReplyToId()).isEqualTo(COMMENT);
    assertThat(post(VISITOR_POST).conversationId()).isEqualTo(VISITOR_POST);
    assertThat(new MetaItems(db).find(MetaNetwork.FACEBOOK, REPLY))
        .hasValueSatisfying(item -> assertThat(item.parentId()).isEqualTo(COMMENT));
  }

  @Test
  void aDeliverySentTwiceMakesNothingTwice() throws Exception {
    String body = page(feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null));

    post(body, signed(body));
    HttpResponse<String> again = post(body, signed(body));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(ingest.storedPostIds()).containsExactly(COMMENT);
    assertThat(ingest.accepted())
        .as("the redelivery was read, and refused as a duplicate")
        .hasSize(2);
  }

  @Test
  void forgedUnsignedAndModifiedDeliveriesStoreNothing() throws Exception {
    String body = page(feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null));
    String modified = body.replace("Hello", "Hellp");
    MetaWebhookSignature forger = new MetaWebhookSignature(Secret.of("not the app secret"), null);

    HttpResponse<String> unsigned = post(body, null);
    HttpResponse<String> forged = post(body, forger.sign(body.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> changed = post(modified, signed(body));
    HttpResponse<String> garbage = post(body, "sha256=zz");

    assertThat(List.of(unsigned, forged, changed, garbage))
        .allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(401));
    assertThat(unsigned.body()).contains("X-Hub-Signature-256 header is missing");
    assertThat(forged.body()).contains("does not match");
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined()).isEmpty();
    assertThat(
            new ChannelJdbc(db)
                .queryOne("count", "select count(*) from meta_item", r -> r.getLong(1)))
        .hasValue(0L);
  }

  @Test
  void answersEveryOddInputWithA4xxOrA200AndNeverA5xx() throws Exception {
    List<String> bodies =
        List.of(
            "",
            "[]",
            "not json",
            "{",
            "{\"object\":\"page\",\"entry\":\"x\"}",
            "{\"object\":\"page\",\"entry\":[{\"id\":{}}]}",
            "{\"object\":\"page\",\"entry\":[{\"id\":\""
                + PAGE
                + "\",\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"add\"}}],"
                + "\"messaging\":[{\"sender\":{},\"message\":{}},{\"message\":[1]},7]}]}",
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\""
                + IG
                + "\",\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"../x\"}}]}]}",
            "{\"object\":\"page\",\"entry\":[{\"id\":\""
                + PAGE
                + "\",\"time\":\"x\",\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"add\","
                + "\"comment_id\":\"1_2\",\"post_id\":\"1_3\",\"parent_id\":\"<b>\",\"from\":{\"id\":\"5\"}}}]}]}",
            "{\"object\":\"whatsapp\"}",
            page(
                feed(
                    "comment", "add", COMMENT, "9".repeat(500), "Nadia", "a long sender id", null)),
            "{\"object\":\"instagram\",\"entry\":[{\"id\":\""
                + IG
                + "\",\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"1\",\"from\":{\"id\":\""
                + "x".repeat(300)
                + "\"},\"media\":{\"id\":\"2\"}}}]}]}");
    for (String body : bodies) {
      for (String signature : new String[] {signed(body), null}) {
        HttpResponse<String> response = post(body, signature);
        assertThat(response.statusCode()).as(body).isBetween(200, 499);
      }
    }
    assertThat(ingest.stored()).isEmpty();
  }

  @Test
  void aSignedDeliveryThatCannotBeReadIsQuarantinedAndAcknowledged() throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + PAGE
            + "\",\"changes\":[{\"field\":\"feed\",\"value\":{\"item\":\"comment\",\"verb\":\"add\"}}]}]}";

    HttpResponse<String> response = post(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("comment_id"));
  }

  @Test
  void aDeliveryIsKeptBeforeTheAcknowledgementAndItsEventsWaitWhileTheHostCannotStoreThem()
      throws Exception {
    ingest.failWith("database down");
    String body = page(feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null));

    HttpResponse<String> response = send(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(waiting(db)).as("kept before the 200").isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(ingest.calls()).isNotEmpty());
    assertThat(ingest.stored()).isEmpty();
    assertThat(waiting(db)).as("still kept while the host refuses").isEqualTo(1);
    assertThat(context.mounts().get(MetaChannel.STATUS_PATH).access())
        .isEqualTo(WebRegistry.Access.ADMIN);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              HttpResponse<String> status =
                  http.send(
                      HttpRequest.newBuilder(jetty.uri(MetaChannel.STATUS_PATH)).GET().build(),
                      HttpResponse.BodyHandlers.ofString());
              assertThat(status.statusCode()).isEqualTo(200);
              assertThat(status.body())
                  .contains(
                      "\"waiting\":1", "\"oldestReceivedAt\":\"" + NOW + "\"", "database down");
            });

    ingest.recover();

    awaitRead(db);
    assertThat(ingest.storedPostIds()).containsExactly(COMMENT);
  }

  @Test
  void whenTheDeliveryCannotBeKeptMetaIsAskedToDeliverAgain() throws Exception {
    new ChannelJdbc(db)
        .update("take the table away", "alter table webhook_delivery rename to away");
    String body = page(feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null));
    try {
      HttpResponse<String> response = send(body, signed(body));

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(response.headers().firstValue("Retry-After")).isPresent();
      assertThat(response.body()).contains("deliver again later");
      HttpResponse<String> status =
          http.send(
              HttpRequest.newBuilder(jetty.uri(MetaChannel.STATUS_PATH)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(status.statusCode()).isEqualTo(503);
      assertThat(status.body()).startsWith("{\"error\":\"the channel's state cannot be read now");
    } finally {
      new ChannelJdbc(db).update("bring it back", "alter table away rename to webhook_delivery");
    }
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void aDeliveryLongerThanTheQueueKeepsIsReadAndStoredBeforeTheAcknowledgement() throws Exception {
    String comment = feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null);
    String body = page(comment + " ".repeat(WebhookQueue.MAX_QUEUED_BYTES));

    HttpResponse<String> response = send(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"events\":1", "\"stored\":1");
    assertThat(ingest.storedPostIds()).containsExactly(COMMENT);
    assertThat(waiting(db)).isZero();
  }

  @Test
  void thePagesOwnCommentsAndEchoesAreNeverTakenAsCustomers() throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + T
            + ",\"changes\":["
            + feed("comment", "add", REPLY, PAGE, "Brand", "We are on it", COMMENT)
            + "],"
            + "\"messaging\":[{\"sender\":{\"id\":\""
            + PAGE
            + "\"},\"recipient\":{\"id\":\""
            + PSID
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"message\":{\"mid\":\"m_echo1\",\"is_echo\":true,\"app_id\":1,\"text\":\"Hi\"}}]}]}";

    HttpResponse<String> response = post(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void editsRemovalsAndHidingUpdateTheTicket() throws Exception {
    String body =
        page(
            feed("comment", "edited", COMMENT, CUSTOMER, "Nadia", "My order arrived broken", null)
                + ","
                + feed("comment", "edit", REPLY, CUSTOMER, "Nadia", "Edited reply", COMMENT)
                + ","
                + feed(
                    "comment",
                    "remove",
                    "200000000000001_300000000000003",
                    CUSTOMER,
                    "Nadia",
                    null,
                    null)
                + ","
                + feed(
                    "comment",
                    "hide",
                    "200000000000001_300000000000004",
                    CUSTOMER,
                    "Nadia",
                    null,
                    null));

    post(body, signed(body));

    assertThat(ingest.stored())
        .as("a hidden comment is not an edit: MetaHiddenNotesTest follows its note to the ticket")
        .hasSize(3);
    assertThat(event(COMMENT))
        .isInstanceOfSatisfying(
            InboundEvent.PostEdited.class,
            e -> assertThat(e.newText()).isEqualTo("My order arrived broken"));
    assertThat(event(REPLY)).isInstanceOf(InboundEvent.PostEdited.class);
    assertThat(event("200000000000001_300000000000003"))
        .isInstanceOf(InboundEvent.PostDeleted.class);
    assertThat(new MetaItems(db).find(MetaNetwork.FACEBOOK, "200000000000001_300000000000004"))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
  }

  @Test
  void messengerMessagesCarryTextAttachmentsAndTheMessageTheyAnswer() throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + T * 1000
            + ",\"messaging\":["
            + "{\"sender\":{\"id\":\""
            + PSID
            + "\"},\"recipient\":{\"id\":\""
            + PAGE
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"message\":{\"mid\":\"m_1\",\"text\":\"Here is the receipt\",\"reply_to\":{\"mid\":\"m_0\"},"
            + "\"attachments\":[{\"type\":\"image\",\"payload\":{\"url\":\"https://scontent.xx.fbcdn.net/receipt.jpg\"}},{\"type\":\"fallback\",\"payload\":{}}]}},"
            + "{\"sender\":{\"id\":\""
            + PSID
            + "\"},\"recipient\":{\"id\":\""
            + PAGE
            + "\"},\"timestamp\":"
            + (T * 1000 + 5)
            + ",\"message_edit\":{\"mid\":\"m_1\",\"text\":\"Here is the receipt again\",\"num_edit\":1}},"
            + "{\"sender\":{\"id\":\""
            + PSID
            + "\"},\"recipient\":{\"id\":\""
            + PAGE
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"read\":{\"watermark\":1}}]}]}";

    post(body, signed(body));

    SocialPost message = post("m_1");
    assertThat(message.key().postId()).isEqualTo("m_1");
    assertThat(message.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(message.conversationId()).isEqualTo("dm:" + PAGE + ":" + PSID);
    assertThat(message.inReplyToId()).isEqualTo("m_0");
    assertThat(message.text())
        .isEqualTo(
            "Here is the receipt\n[image] https://scontent.xx.fbcdn.net/receipt.jpg\n"
                + "[fallback] (no link; open the conversation on the network to see it)");
    assertThat(ingest.stored())
        .filteredOn(InboundEvent.PostEdited.class::isInstance)
        .singleElement()
        .satisfies(
            e ->
                assertThat(((InboundEvent.PostEdited) e).newText())
                    .isEqualTo("Here is the receipt again"));
    assertThat(ingest.stored()).hasSize(2);
  }

  @Test
  void theCustomersFirstMessageAfterAPrivateReplyAnswersItSoTheConversationJoinsTheCommentsTicket()
      throws Exception {
    MetaPrivateReplies privateReplies = new MetaPrivateReplies(db, context.clock());
    privateReplies.claim(MetaNetwork.FACEBOOK, COMMENT);
    privateReplies.sent(MetaNetwork.FACEBOOK, COMMENT, PSID, "m_private1");
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + T * 1000
            + ",\"messaging\":["
            + "{\"sender\":{\"id\":\""
            + PSID
            + "\"},\"recipient\":{\"id\":\""
            + PAGE
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"message\":{\"mid\":\"m_answer\",\"text\":\"Order 88812\"}},"
            + "{\"sender\":{\"id\":\"6660000000000009\"},\"recipient\":{\"id\":\""
            + PAGE
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"message\":{\"mid\":\"m_other\",\"text\":\"Hello\"}}]}]}";

    post(body, signed(body));

    assertThat(post("m_answer").inReplyToId()).isEqualTo("m_private1");
    assertThat(post("m_other").inReplyToId()).isNull();
  }

  @Test
  void instagramCommentsRepliesLiveCommentsMentionsAndDirectMessages() throws Exception {
    String igMid = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAxNzQ1MjcxMjE4=";
    String body =
        "{\"object\":\"instagram\",\"entry\":[{\"id\":\""
            + IG
            + "\",\"time\":"
            + T
            + ",\"changes\":["
            + "{\"field\":\"comments\",\"value\":{\"id\":\""
            + IG_COMMENT
            + "\",\"from\":{\"id\":\""
            + IGSID
            + "\",\"username\":\"nadia.k\"},"
            + "\"text\":\"Does it come in blue?\",\"media\":{\"id\":\""
            + IG_MEDIA
            + "\",\"media_product_type\":\"FEED\"}}},"
            + "{\"field\":\"comments\",\"value\":{\"id\":\"17900000000000002\",\"from\":{\"id\":\""
            + IGSID
            + "\",\"username\":\"nadia.k\"},"
            + "\"text\":\"And red?\",\"parent_id\":\""
            + IG_COMMENT
            + "\",\"media\":{\"id\":\""
            + IG_MEDIA
            + "\"}}},"
            + "{\"field\":\"comments\",\"value\":{\"id\":\"17900000000000003\",\"from\":{\"id\":\""
            + IG
            + "\",\"username\":\"brand\"},"
            + "\"text\":\"Yes!\",\"parent_id\":\""
            + IG_COMMENT
            + "\",\"media\":{\"id\":\""
            + IG_MEDIA
            + "\"}}},"
            + "{\"field\":\"live_comments\",\"value\":{\"id\":\"17900000000000004\",\"from\":{\"id\":\""
            + IGSID
            + "\",\"username\":\"nadia.k\"},"
            + "\"text\":\"Hi from the live\",\"media\":{\"id\":\"18000000000000002\",\"media_product_type\":\"LIVE\"}}},"
            + "{\"field\":\"mentions\",\"value\":{\"comment_id\":\"17900000000000005\",\"media_id\":\"18000000000000003\"}}],"
            + "\"messaging\":[{\"sender\":{\"id\":\""
            + IGSID
            + "\"},\"recipient\":{\"id\":\""
            + IG
            + "\"},\"timestamp\":"
            + T * 1000
            + ",\"message\":{\"mid\":\""
            + igMid
            + "\",\"text\":\"Hello in DM\"}}]}]}";

    post(body, signed(body));

    assertThat(ingest.storedPostIds())
        .containsExactlyInAnyOrder(
            IG_COMMENT,
            "17900000000000002",
            "17900000000000004",
            "17900000000000005",
            MetaIds.key(igMid));
    assertThat(post(IG_COMMENT).network()).isEqualTo("instagram");
    assertThat(post(IG_COMMENT).inReplyToId()).isEqualTo(IG_MEDIA);
    assertThat(post(IG_COMMENT).author().handle()).isEqualTo("nadia.k");
    assertThat(post("17900000000000002").conversationId()).isEqualTo(IG_COMMENT);
    assertThat(post("17900000000000004").text()).startsWith(MetaChangeReader.LIVE_NOTE);
    assertThat(new MetaItems(db).find(MetaNetwork.INSTAGRAM, "17900000000000004"))
        .hasValueSatisfying(i -> assertThat(i.live()).isTrue());
    assertThat(post("17900000000000005").text()).contains("@mentioned");
    assertThat(post(MetaIds.key(igMid)).key().postId()).startsWith(MetaIds.HASHED);
    assertThat(post(MetaIds.key(igMid)).conversationId()).isEqualTo("dm:" + IG + ":" + IGSID);
  }

  @Test
  void anEntryOfAnotherPageIsQuarantinedNotIngested() throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\"999\",\"time\":"
            + T
            + ",\"changes\":["
            + feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Hello", null)
            + "]}]}";

    HttpResponse<String> response = post(body, signed(body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).contains("999"));
  }

  static String page(String changes) {
    return "{\"object\":\"page\",\"entry\":[{\"id\":\""
        + PAGE
        + "\",\"time\":"
        + T
        + ",\"changes\":["
        + changes
        + "]}]}";
  }

  static String feed(
      String item,
      String verb,
      String commentId,
      String fromId,
      String name,
      String message,
      String parentId) {
    return "{\"field\":\"feed\",\"value\":{\"item\":\""
        + item
        + "\",\"verb\":\""
        + verb
        + "\",\"comment_id\":\""
        + commentId
        + "\",\"post_id\":\""
        + PAGE_POST
        + "\""
        + (parentId == null
            ? ",\"parent_id\":\"" + PAGE_POST + "\""
            : ",\"parent_id\":\"" + parentId + "\"")
        + ",\"from\":{\"id\":\""
        + fromId
        + "\",\"name\":\""
        + name
        + "\"}"
        + (message == null ? "" : ",\"message\":\"" + message + "\"")
        + ",\"created_time\":"
        + T
        + "}}";
  }

  /**
   * The new post stored under {@code id}: a delivery's events reach the host concurrently, in no
   * set order.
   */
  private SocialPost post(String id) {
    return ((InboundEvent.NewPost)
            ingest.stored().stream()
                .filter(InboundEvent.NewPost.class::isInstance)
                .filter(e -> e.key().postId().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no post " + id)))
        .post();
  }

  private InboundEvent event(String id) {
    return ingest.stored().stream()
        .filter(e -> e.key().postId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no event " + id));
  }

  private String signed(String body) {
    return signer.sign(body.getBytes(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> verify(String mode, String token, String challenge)
      throws Exception {
    String query =
        "?hub.mode="
            + enc(mode)
            + "&hub.verify_token="
            + enc(token)
            + "&hub.challenge="
            + enc(challenge);
    return http.send(
        HttpRequest.newBuilder(jetty.uri(MetaWebhookServlet.PATH + query)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a delivery and, when the webhook kept it, waits until its events are read. */
  private HttpResponse<String> post(String body, String signature) throws Exception {
    HttpResponse<String> response = send(body, signature);
    if (response.body().contains("\"queued\":true")) {
      awaitRead(db);
    }
    return response;
  }

  private HttpResponse<String> send(String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(jetty.uri(MetaWebhookServlet.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header(MetaWebhookSignature.HEADER, signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
