package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.CUSTOMER;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaWebhookServletTest.T;
import static org.socialdesk.channel.meta.MetaWebhookServletTest.feed;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The Page's {@code hide} / {@code unhide} of a comment, from the webhook to its ticket: marked in
 * words of its own (never as the customer's edit), once, when the comment has a ticket.
 */
class MetaHiddenNotesTest {

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private final RecordingHelpdesk helpdesk = new RecordingHelpdesk();
  private final ImmediateEventBus events = new ImmediateEventBus();
  private final HttpClient http = HttpClient.newHttpClient();
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaWebhookSignature signer =
      new MetaWebhookSignature(Secret.of(MetaStubs.APP_SECRET), null);
  private final MetaItems items = new MetaItems(db);
  private TestingPluginContext context;
  private MetaChannel channel;
  private TestingJetty jetty;

  @BeforeEach
  void start() throws Exception {
    context = MetaWebhookServletTest.serverContext(clock, ingest, db, helpdesk, events);
    channel = MetaChannel.start(MetaStubs.config(URI.create("http://127.0.0.1:9")), context);
    jetty = new TestingJetty(context.mounts());
  }

  @AfterEach
  void stop() throws Exception {
    jetty.close();
    channel.stop();
    context.close();
  }

  @Test
  void aCommentThePageHidIsMarkedHiddenOnItsTicketNotAsTheCustomersEdit() throws Exception {
    deliver(T, feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Scam! Call 555-0100", null));
    routed(COMMENT, "42");

    HttpResponse<String> response =
        deliver(T + 60, feed("comment", "hide", COMMENT, CUSTOMER, "Nadia", null, null));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"queued\":true");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(helpdesk.notes).hasSize(1));
    assertThat(helpdesk.notes.getFirst().ticketId()).isEqualTo("42");
    assertThat(helpdesk.notes.getFirst().text())
        .contains("The Page hid this comment", COMMENT, "will not answer it in public", "/dm")
        .doesNotContain("edited");
    assertThat(ingest.stored()).as("the hide is not handed to the host as an edit").hasSize(1);
    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
  }

  @Test
  void aHideThatOvertookTheCommentsTicketIsNotedOnTheTicketTheCommentReaches() throws Exception {
    deliver(T + 60, feed("comment", "hide", COMMENT, CUSTOMER, "Nadia", null, null));
    helpdesk.notes.clear();

    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .as("known hidden before the comment itself arrives, so its public replies are held")
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
    deliver(T, feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Scam!", null));
    assertThat(helpdesk.notes).isEmpty();

    routed(COMMENT, "77");

    assertThat(helpdesk.notes)
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.ticketId()).isEqualTo("77");
              assertThat(note.text()).contains("The Page hid this comment");
            });
    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .as("the comment completes what the hide recorded, and stays hidden")
        .hasValueSatisfying(
            item -> {
              assertThat(item.hidden()).isTrue();
              assertThat(item.mediaId()).isEqualTo(MetaStubs.PAGE_POST);
              assertThat(item.authorId()).isEqualTo(CUSTOMER);
            });
  }

  @Test
  void aHideDeliveredTwiceOrAfterSocialdesksOwnHidingWritesNoSecondNote() throws Exception {
    deliver(T, feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Scam!", null));
    routed(COMMENT, "42");
    String hide = feed("comment", "hide", COMMENT, CUSTOMER, "Nadia", null, null);
    deliver(T + 60, hide);
    await().atMost(Duration.ofSeconds(5)).until(() -> helpdesk.notes.size() == 1);

    HttpResponse<String> again = deliver(T + 60, hide);
    items.setHidden(MetaNetwork.FACEBOOK, "200000000000001_300000000000009", true, NOW);
    deliver(
        T + 90,
        feed("comment", "hide", "200000000000001_300000000000009", CUSTOMER, "Nadia", null, null));

    assertThat(again.statusCode()).isEqualTo(200);
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .untilAsserted(() -> assertThat(helpdesk.notes).hasSize(1));
  }

  @Test
  void showingTheCommentAgainSaysItCanBeAnsweredInPublicAndLiftsTheHold() throws Exception {
    deliver(T, feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Late again", null));
    routed(COMMENT, "42");
    deliver(T + 60, feed("comment", "hide", COMMENT, CUSTOMER, "Nadia", null, null));
    deliver(T + 120, feed("comment", "unhide", COMMENT, CUSTOMER, "Nadia", null, null));

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(helpdesk.texts())
                    .satisfiesExactlyInAnyOrder(
                        text -> assertThat(text).contains("The Page hid this comment"),
                        text ->
                            assertThat(text)
                                .contains("The Page showed this comment", "answered in public")));
    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isFalse());
  }

  @Test
  void aNoteTheHelpdeskRefusedIsWrittenAtTheNextRound() throws Exception {
    deliver(T, feed("comment", "add", COMMENT, CUSTOMER, "Nadia", "Scam!", null));
    routed(COMMENT, "42");
    helpdesk.down = true;
    deliver(T + 60, feed("comment", "hide", COMMENT, CUSTOMER, "Nadia", null, null));
    await().atMost(Duration.ofSeconds(5)).until(() -> state(COMMENT).equals("pending"));

    helpdesk.down = false;
    notes().writePending();

    assertThat(helpdesk.notes).singleElement();
    assertThat(state(COMMENT)).isEqualTo("done");
  }

  @Test
  void aNoteClaimedWhenSocialdeskStoppedIsNeverWrittenAgain() throws Exception {
    helpdesk.ticketsByPost.put(new PostKey("facebook", COMMENT), "42");
    MetaHiddenNotes stopped = notes();
    stopped.record(MetaNetwork.FACEBOOK, COMMENT, true, NOW);
    new ChannelJdbc(db)
        .update("claim", "update meta_hidden_note set state = 'writing', ticket_id = '42'");

    stopped.startWriting();
    stopped.writePending();

    assertThat(helpdesk.notes).isEmpty();
    assertThat(state(COMMENT)).isEqualTo("done");
  }

  @Test
  void findsTheTicketByTheHelpdesksSearchWhenTheRoutedEventWasMissed() {
    helpdesk.ticketsByPost.put(new PostKey("facebook", COMMENT), "55");
    MetaHiddenNotes notes = notes();
    notes.record(MetaNetwork.FACEBOOK, COMMENT, true, NOW);

    notes.writePending();

    assertThat(helpdesk.notes)
        .singleElement()
        .extracting(RecordingHelpdesk.Note::ticketId)
        .isEqualTo("55");
  }

  @Test
  void aNoteForACommentThatNeverReachesATicketIsDroppedAfterAWeek() {
    MetaHiddenNotes notes = notes();
    notes.record(MetaNetwork.FACEBOOK, COMMENT, true, NOW);
    notes.writePending();
    assertThat(state(COMMENT)).isEqualTo("pending");

    clock.set(NOW.plus(MetaHiddenNotes.GIVE_UP_AFTER).plusSeconds(1));
    notes.writePending();

    assertThat(state(COMMENT)).isEqualTo("dropped");
    assertThat(helpdesk.notes).isEmpty();
  }

  private MetaHiddenNotes notes() {
    return new MetaHiddenNotes(db, () -> helpdesk, clock);
  }

  private String state(String id) {
    return new ChannelJdbc(db)
        .queryOne(
            "state",
            "select state from meta_hidden_note where item_id = ?",
            row -> row.getString(1),
            id)
        .orElse("none");
  }

  private void routed(String id, String ticketId) {
    SocialPost post =
        new SocialPost(
            new PostKey("facebook", id),
            id,
            null,
            Author.of("facebook", CUSTOMER, "Nadia"),
            "text",
            Instant.ofEpochSecond(T),
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of());
    events.publish(
        new SocialdeskEvent.PostRouted(
            post, Enrichment.NONE, new TicketRef("rt", ticketId), true, NOW));
  }

  private HttpResponse<String> deliver(long time, String change) throws Exception {
    String body =
        "{\"object\":\"page\",\"entry\":[{\"id\":\""
            + PAGE
            + "\",\"time\":"
            + time
            + ",\"changes\":["
            + change
            + "]}]}";
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(jetty.uri(MetaWebhookServlet.PATH))
                .header("Content-Type", "application/json")
                .header(
                    MetaWebhookSignature.HEADER, signer.sign(body.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    MetaWebhookServletTest.awaitRead(db);
    return response;
  }
}
