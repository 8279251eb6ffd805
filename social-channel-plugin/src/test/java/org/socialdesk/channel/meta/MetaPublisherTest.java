package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class MetaPublisherTest {

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaItems items = new MetaItems(db);
  private final MetaPrivateReplies privateReplies = new MetaPrivateReplies(db, clock);

  @Test
  void aPublicReplyToATopLevelCommentIsACommentReplyUnderIt() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minusSeconds(60));
    graph
        .server()
        .stubFor(
            onPost(COMMENT, "comments")
                .withRequestBody(equalTo("message=Hi+Nadia%2C+we%27re+on+it."))
                .willReturn(MetaStubs.json("{\"id\":\"200000000000001_300000000000010\"}")));

    PublishOutcome outcome =
        publisher(MetaNetwork.FACEBOOK, false)
            .publish(
                reply(
                    MetaNetwork.FACEBOOK,
                    COMMENT,
                    Visibility.PUBLIC,
                    CUSTOMER,
                    "Hi Nadia, we're on it."));

    assertThat(outcome)
        .isEqualTo(
            new PublishOutcome.Published(
                "200000000000001_300000000000010",
                URI.create("https://www.facebook.com/200000000000001_300000000000010"),
                NOW));
    assertThat(items.find(MetaNetwork.FACEBOOK, "200000000000001_300000000000010"))
        .hasValueSatisfying(item -> assertThat(item.parentId()).isEqualTo(COMMENT));
  }

  @Test
  void aPublicReplyToAReplyGoesUnderItsTopLevelComment() {
    comment(MetaNetwork.FACEBOOK, REPLY, COMMENT, NOW.minusSeconds(60));
    graph
        .server()
        .stubFor(
            onPost(COMMENT, "comments")
                .willReturn(MetaStubs.json("{\"id\":\"200000000000001_300000000000011\"}")));

    assertThat(
            publisher(MetaNetwork.FACEBOOK, false)
                .publish(reply(MetaNetwork.FACEBOOK, REPLY, Visibility.PUBLIC, CUSTOMER, "Thanks")))
        .isInstanceOf(PublishOutcome.Published.class);
  }

  @Test
  void aHiddenCommentIsNeverAnsweredInPublic() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minusSeconds(60));
    items.setHidden(MetaNetwork.FACEBOOK, COMMENT, true, NOW);

    PublishOutcome outcome =
        publisher(MetaNetwork.FACEBOOK, false)
            .publish(reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PUBLIC, CUSTOMER, "Hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class, r -> assertThat(r.reason()).contains("hidden"));
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void aPrivateReplyToACommentIsSentOnceAndTheCustomersAnswerCanFindIt() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minus(Duration.ofDays(6)));
    graph
        .server()
        .stubFor(
            onPost(PAGE, "messages")
                .withRequestBody(
                    equalToJson(
                        "{\"recipient\":{\"comment_id\":\""
                            + COMMENT
                            + "\"},\"message\":{\"text\":\"Please send us your order number\"}}"))
                .willReturn(sentTo(PSID, "m_private1")));
    MetaPublisher publisher = publisher(MetaNetwork.FACEBOOK, false);

    PublishOutcome first =
        publisher.publish(
            reply(
                MetaNetwork.FACEBOOK,
                COMMENT,
                Visibility.PRIVATE,
                CUSTOMER,
                "Please send us your order number"));
    PublishOutcome second =
        publisher.publish(
            reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PRIVATE, CUSTOMER, "Again"));

    assertThat(first).isEqualTo(new PublishOutcome.Published("m_private1", null, NOW));
    assertThat(second)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class, r -> assertThat(r.reason()).contains("one per comment"));
    assertThat(graph.requests()).hasSize(1);
    assertThat(privateReplies.latestTo(MetaNetwork.FACEBOOK, PSID)).hasValue("m_private1");
  }

  @Test
  void aPrivateReplyMoreThanSevenDaysAfterTheCommentIsRefusedWithTheDate() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minus(Duration.ofDays(7)).minusSeconds(1));

    PublishOutcome outcome =
        publisher(MetaNetwork.FACEBOOK, false)
            .publish(reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PRIVATE, CUSTOMER, "Hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            r -> assertThat(r.reason()).contains("within 7 days", "until"));
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void aPrivateReplyWhoseAnswerIsLostIsUnknownAndNeverSentAgain() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minusSeconds(60));
    graph
        .server()
        .stubFor(
            onPost(PAGE, "messages")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    MetaPublisher publisher = publisher(MetaNetwork.FACEBOOK, false);

    assertThatThrownBy(
            () ->
                publisher.publish(
                    reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PRIVATE, CUSTOMER, "Hi")))
        .isInstanceOf(MetaOutcomeUnknownException.class)
        .hasMessageContaining("may or may not");
    assertThat(
            publisher.publish(
                reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PRIVATE, CUSTOMER, "Hi")))
        .isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(graph.requests()).hasSize(1);
  }

  @Test
  void aPrivateReplyThrottledByMetaWaitsAndKeepsItsOneChance() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minusSeconds(60));
    graph
        .server()
        .stubFor(
            onPost(PAGE, "messages")
                .willReturn(
                    MetaStubs.graphError(
                        400, 613, "Calls to this api have exceeded the rate limit")));

    PublishOutcome outcome =
        publisher(MetaNetwork.FACEBOOK, false)
            .publish(reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PRIVATE, CUSTOMER, "Hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            r -> assertThat(r.after()).isEqualTo(Duration.ofMinutes(5)));
    assertThat(privateReplies.wasClaimed(MetaNetwork.FACEBOOK, COMMENT)).isFalse();
  }

  @Test
  void aMessengerReplyInsideTwentyFourHoursIsAResponse() {
    message(MetaNetwork.FACEBOOK, "m_1", PSID, NOW.minus(Duration.ofHours(23)));
    sendApiTakesHiAs("\"messaging_type\":\"RESPONSE\"");

    assertThat(
            publisher(MetaNetwork.FACEBOOK, false)
                .publish(reply(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, PSID, "Hi")))
        .isEqualTo(new PublishOutcome.Published("m_2", null, NOW));
  }

  @Test
  void aMessengerReplyAfterTwentyFourHoursUsesTheHumanAgentTagWhenTheAppHasIt() {
    message(MetaNetwork.FACEBOOK, "m_1", PSID, NOW.minus(Duration.ofDays(3)));
    sendApiTakesHiAs("\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\"");

    assertThat(
            publisher(MetaNetwork.FACEBOOK, true)
                .publish(reply(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, PSID, "Hi")))
        .isInstanceOf(PublishOutcome.Published.class);
  }

  @Test
  void aMessengerReplyOutsideTheWindowIsRefusedWithUntilWhenItWasOpen() {
    message(MetaNetwork.FACEBOOK, "m_1", PSID, Instant.parse("2026-05-02T09:00:00Z"));

    PublishOutcome outcome =
        publisher(MetaNetwork.FACEBOOK, false)
            .publish(reply(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, PSID, "Hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            r -> assertThat(r.reason()).contains("until 2026-05-03T09:00:00Z", "human-agent-tag"));
    assertThat(graph.requests()).isEmpty();
  }

  @Test
  void metaRefusingAMessageOutsideTheWindowIsFinalNotAPermissionToWaitFor() {
    message(MetaNetwork.FACEBOOK, "m_1", PSID, NOW.minus(Duration.ofHours(1)));
    graph
        .server()
        .stubFor(
            onPost(PAGE, "messages")
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\","
                                + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2018278,\"fbtrace_id\":\"A\"}}")));

    assertThat(
            publisher(MetaNetwork.FACEBOOK, false)
                .publish(reply(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, PSID, "Hi")))
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class, r -> assertThat(r.reason()).contains("window"));
  }

  @Test
  void anExpiredTokenMakesRepliesWaitForTheAdmin() {
    comment(MetaNetwork.FACEBOOK, COMMENT, null, NOW.minusSeconds(60));
    graph
        .server()
        .stubFor(
            onPost(COMMENT, "comments")
                .willReturn(MetaStubs.graphError(401, 190, "The session has been invalidated")));
    MetaPublisher publisher = publisher(MetaNetwork.FACEBOOK, false);

    PublishOutcome first =
        publisher.publish(reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PUBLIC, CUSTOMER, "Hi"));
    PublishOutcome second =
        publisher.publish(reply(MetaNetwork.FACEBOOK, COMMENT, Visibility.PUBLIC, CUSTOMER, "Hi"));

    assertThat(first)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            r -> assertThat(r.reason()).contains("expired or revoked"));
    assertThat(second)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            r -> assertThat(r.reason()).contains("page-access-token"));
    assertThat(graph.requests()).hasSize(1);
  }

  @Test
  void instagramRepliesGoUnderTheTopLevelCommentAndMentionsThroughTheAccount() {
    comment(MetaNetwork.INSTAGRAM, "17900000000000002", IG_COMMENT, NOW.minusSeconds(60));
    items.record(
        new MetaItem(
            MetaNetwork.INSTAGRAM,
            "17900000000000005",
            MetaItem.Kind.MENTION,
            null,
            IG_MEDIA,
            null,
            false,
            false,
            NOW));
    graph
        .server()
        .stubFor(
            onPost(IG_COMMENT, "replies")
                .withRequestBody(equalTo("message=Yes%2C+in+blue"))
                .willReturn(MetaStubs.json("{\"id\":\"17900000000000020\"}")));
    graph
        .server()
        .stubFor(
            onPost(IG, "mentions")
                .withRequestBody(
                    equalTo(
                        "comment_id=17900000000000005&media_id=" + IG_MEDIA + "&message=Thanks"))
                .willReturn(MetaStubs.json("{\"id\":\"17900000000000021\"}")));
    MetaPublisher publisher = publisher(MetaNetwork.INSTAGRAM, false);

    assertThat(
            publisher.publish(
                reply(
                    MetaNetwork.INSTAGRAM,
                    "17900000000000002",
                    Visibility.PUBLIC,
                    IGSID,
                    "Yes, in blue")))
        .isEqualTo(new PublishOutcome.Published("17900000000000020", null, NOW));
    assertThat(
            publisher.publish(
                reply(
                    MetaNetwork.INSTAGRAM,
                    "17900000000000005",
                    Visibility.PUBLIC,
                    IGSID,
                    "Thanks")))
        .isInstanceOf(PublishOutcome.Published.class);
    graph
        .server()
        .verify(
            postRequestedFor(urlPathEqualTo(MetaStubs.path(IG, "mentions")))
                .withHeader("Authorization", equalTo("Bearer " + MetaStubs.IG_TOKEN)));
  }

  @Test
  void anInstagramLiveCommentIsNeverAnsweredInPublic() {
    items.record(
        new MetaItem(
            MetaNetwork.INSTAGRAM,
            IG_COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            IG_MEDIA,
            IGSID,
            false,
            true,
            NOW));

    assertThat(
            publisher(MetaNetwork.INSTAGRAM, false)
                .publish(reply(MetaNetwork.INSTAGRAM, IG_COMMENT, Visibility.PUBLIC, IGSID, "Hi")))
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class, r -> assertThat(r.reason()).contains("Live"));
    assertThat(graph.requests()).isEmpty();
  }

  /** The Send API takes "Hi" to {@link MetaStubs#PSID} sent with {@code typeFields} only. */
  private static void sendApiTakesHiAs(String typeFields) {
    graph
        .server()
        .stubFor(
            onPost(PAGE, "messages")
                .withRequestBody(
                    equalToJson(
                        "{\"recipient\":{\"id\":\""
                            + PSID
                            + "\"},"
                            + typeFields
                            + ",\"message\":{\"text\":\"Hi\"}}"))
                .willReturn(sentTo(PSID, "m_2")));
  }

  private static MappingBuilder onPost(String node, String edge) {
    return post(urlPathEqualTo(MetaStubs.path(node, edge)));
  }

  /** The Send API's answer: the message went to {@code recipient} as {@code messageId}. */
  private static ResponseDefinitionBuilder sentTo(String recipient, String messageId) {
    return MetaStubs.json(
        "{\"recipient_id\":\"" + recipient + "\",\"message_id\":\"" + messageId + "\"}");
  }

  private void comment(MetaNetwork network, String id, String parent, Instant at) {
    items.record(
        new MetaItem(
            network,
            id,
            MetaItem.Kind.COMMENT,
            parent,
            network == MetaNetwork.FACEBOOK ? PAGE_POST : IG_MEDIA,
            CUSTOMER,
            false,
            false,
            at));
  }

  private void message(MetaNetwork network, String id, String from, Instant at) {
    items.record(
        new MetaItem(network, id, MetaItem.Kind.MESSAGE, null, null, from, false, false, at));
  }

  private MetaPublisher publisher(MetaNetwork network, boolean humanAgentTag) {
    MetaConfig config = MetaStubs.config(graph.baseUrl(), humanAgentTag);
    MetaTokens tokens = new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
    tokens.configure(PAGE, "page", config.pageAccessToken());
    tokens.configure(IG, "instagram", config.instagramToken());
    MetaGraph client =
        new MetaGraph(
            new TestingHttpClients(Duration.ofSeconds(5)).forPeer("meta"),
            config,
            Duration.ofSeconds(5),
            new MetaPacer(clock, config.usageThreshold(), config.throttlePause()),
            tokens);
    return new MetaPublisher(network, client, items, privateReplies, config, clock);
  }

  private static OutgoingReply reply(
      MetaNetwork network, String inReplyTo, Visibility visibility, String recipient, String text) {
    return new OutgoingReply(
        "ticket-1/tx-1/1",
        new PostKey(network.id(), inReplyTo),
        "conversation",
        Author.of(network.id(), recipient, recipient),
        visibility,
        text);
  }

  static Secret secret(String value) {
    return Secret.of(value);
  }
}
