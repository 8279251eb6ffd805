package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;
import static org.socialdesk.channel.x.XStubs.dmPage;
import static org.socialdesk.channel.x.XStubs.id;
import static org.socialdesk.channel.x.XStubs.message;
import static org.socialdesk.channel.x.XStubs.ok;
import static org.socialdesk.channel.x.XStubs.user;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class XDirectMessagesPollerTest {

  @RegisterExtension static final XWireMock x = new XWireMock();

  private static final String CUSTOMER = "2244994945";
  private static final Map<String, Object> CUSTOMER_USER =
      user(CUSTOMER, "nadia_k", "Nadia K.", 1200);
  private static final String NEXT = "HNF0Z2ZQ4Q7VYK8WCQ9A";

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private XCursors cursors;

  @BeforeEach
  void freshDatabase() {
    cursors =
        new XCursors(TestingDatabase.shared(ChannelChangelog.RESOURCE, "channel_cursor"), clock);
  }

  @Test
  void storesTheCustomersMessagesAsPrivatePostsAndSkipsTheBrands() throws Exception {
    String question = id(6, 0);
    String answer = id(4, 0);
    x.server()
        .stubFor(
            dmEvents()
                .willReturn(
                    ok(
                        dmPage(
                            List.of(
                                message(answer, BRAND_ID, "Sent you the tracking link"),
                                message(question, CUSTOMER, "my order 1234?")),
                            List.of(CUSTOMER_USER),
                            null))));

    assertThat(poller().pollOnce()).isEqualTo(XPoller.Result.COMPLETED);

    assertThat(ingest.stored()).hasSize(1);
    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post.key().postId()).isEqualTo(question);
    assertThat(post.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(post.conversationId()).isEqualTo(CUSTOMER + "-" + BRAND_ID);
    assertThat(post.url()).isNull();
    assertThat(post.inReplyToId()).isNull();
    assertThat(post.text()).isEqualTo("my order 1234?");
    assertThat(post.author().handle()).isEqualTo("nadia_k");
    assertThat(post.author().followers()).isEqualTo(1200);
    assertThat(cursors.read(XCursors.directMessagesKey(BRAND_ID)))
        .as("the newest event seen, the brand's included")
        .contains(answer);
    x.server()
        .verify(
            getRequestedFor(urlPathEqualTo("/2/dm_events"))
                .withHeader("Authorization", equalTo("Bearer user-token"))
                .withQueryParam("event_types", equalTo("MessageCreate"))
                .withQueryParam(
                    "dm_event.fields", equalTo("id,text,event_type,created_at,dm_conversation_id"))
                .withQueryParam("expansions", equalTo("sender_id")));
  }

  @Test
  void stopsPagingAtTheFirstEventNotNewerThanTheCursor() throws Exception {
    cursors.write(XCursors.directMessagesKey(BRAND_ID), id(10, 0));
    x.server()
        .stubFor(
            dmEvents()
                .withQueryParam("pagination_token", absent())
                .willReturn(
                    ok(
                        dmPage(
                            List.of(
                                message(id(3, 0), CUSTOMER, "third"),
                                message(id(5, 0), CUSTOMER, "second")),
                            List.of(CUSTOMER_USER),
                            NEXT))));
    x.server()
        .stubFor(
            dmEvents()
                .withQueryParam("pagination_token", equalTo(NEXT))
                .willReturn(
                    ok(
                        dmPage(
                            List.of(
                                message(id(8, 0), CUSTOMER, "first"),
                                message(id(10, 0), CUSTOMER, "seen before")),
                            List.of(CUSTOMER_USER),
                            "QWERTYUIOPASDFGHJKLZ"))));

    poller().pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly(id(8, 0), id(5, 0), id(3, 0));
    assertThat(x.exchanges()).as("no third page").hasSize(2);
    assertThat(cursors.read(XCursors.directMessagesKey(BRAND_ID))).contains(id(3, 0));
  }

  @Test
  void comparesEventIdsAsNumbersNotAsText() throws Exception {
    cursors.write(XCursors.directMessagesKey(BRAND_ID), "999");
    x.server()
        .stubFor(
            dmEvents()
                .willReturn(
                    ok(
                        dmPage(
                            List.of(
                                message("1000", CUSTOMER, "newer"),
                                message("998", CUSTOMER, "older")),
                            List.of(CUSTOMER_USER),
                            NEXT))));

    poller().pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly("1000");
    assertThat(cursors.read(XCursors.directMessagesKey(BRAND_ID))).contains("1000");
  }

  @Test
  void firstPollStopsAtTheBackfillHorizon() throws Exception {
    x.server()
        .stubFor(
            dmEvents()
                .willReturn(
                    ok(
                        dmPage(
                            List.of(
                                message(id(20, 0), CUSTOMER, "today"),
                                message(id(3 * 24 * 60, 0), CUSTOMER, "three days ago")),
                            List.of(CUSTOMER_USER),
                            NEXT))));

    poller().pollOnce();

    assertThat(ingest.storedPostIds()).containsExactly(id(20, 0));
    assertThat(x.exchanges()).hasSize(1);
  }

  @Test
  void keepsTheCursorWhenTheHostCannotStore() throws Exception {
    x.server()
        .stubFor(
            dmEvents()
                .willReturn(
                    ok(
                        dmPage(
                            List.of(message(id(2, 0), CUSTOMER, "hello")),
                            List.of(CUSTOMER_USER),
                            null))));
    ingest.failAfter(0);
    XPoller poller = poller();

    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.FAILED);
    assertThat(cursors.read(XCursors.directMessagesKey(BRAND_ID))).isEmpty();

    ingest.recover();
    clock.advance(Duration.ofMinutes(1));
    assertThat(poller.pollOnce()).isEqualTo(XPoller.Result.COMPLETED);
    assertThat(ingest.storedPostIds()).containsExactly(id(2, 0));
  }

  private static MappingBuilder dmEvents() {
    return get(urlPathEqualTo("/2/dm_events"));
  }

  private XPoller poller() {
    XConfig config = XStubs.config(x.baseUrl());
    XApi api =
        new XApi(
            TestingHttpClients.newClient(),
            config.baseUrl(),
            Duration.ofSeconds(5),
            new XPacer(clock, config.pacing()));
    return new XPoller(
        new XDirectMessagesFeed(config, new XPostReader(BRAND_ID, clock)),
        api,
        cursors,
        new XDelivery(ingest),
        clock,
        config.backfill());
  }
}
