package org.socialdesk.channel.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.line.LinePayloads.GROUP;
import static org.socialdesk.channel.line.LinePayloads.OTHER_USER;
import static org.socialdesk.channel.line.LinePayloads.USER;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
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

class LinePublisherTest {

  @RegisterExtension static final LineWireMock line = new LineWireMock();

  private static final Instant RECEIVED = Instant.ofEpochMilli(LinePayloads.TIME).plusMillis(300);
  private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  private final SettableClock clock = new SettableClock(RECEIVED.plusSeconds(5));
  private final DataSource db =
      TestingDatabase.shared(ChannelChangelog.RESOURCE, LineWebhookServletTest.TABLES);
  private final LineConfig config = LineWebhookServletTest.config(line.baseUrl());
  private final LineMessages messages =
      new LineMessages(db, new LineSeal(Secret.of(LinePayloads.SECRET)));
  private final LinePublishAttempts attempts = new LinePublishAttempts(db);
  private final LineSeenEvents friends = new LineSeenEvents(db);
  private final TestingHttpClients clients = new TestingHttpClients(Duration.ofSeconds(2));
  private final LineApi api = new LineApi(clients.forPeer("line"), config, Duration.ofSeconds(2));
  private final LineQuota quota = new LineQuota(api, clock);
  private final LinePublisher publisher =
      new LinePublisher(api, config, messages, attempts, friends, quota, clock);

  @AfterEach
  void closeClients() {
    clients.close();
  }

  @Test
  void answersWithTheFreshReplyTokenQuotingTheCustomersMessage() {
    customerMessage("700001", "user", USER, USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/reply"))
                .withHeader("Authorization", equalTo("Bearer " + LinePayloads.TOKEN))
                .withRequestBody(
                    equalToJson(
                        "{\"replyToken\":\"rt-700001\",\"messages\":[{\"type\":\"text\",\"text\":\"ขอโทษค่ะ เราจะตรวจสอบให้นะคะ 🙏\","
                            + "\"quoteToken\":\"q-700001\"}]}"))
                .willReturn(
                    okJson(
                        "{\"sentMessages\":[{\"id\":\"800001\",\"quoteToken\":\"q-800001\"}]}")));

    PublishOutcome outcome =
        publisher.publish(
            reply("k1", "700001", USER, Visibility.PRIVATE, "ขอโทษค่ะ เราจะตรวจสอบให้นะคะ 🙏"));

    assertThat(outcome).isEqualTo(new PublishOutcome.Published("800001", null, clock.instant()));
    assertThat(messages.find("800001"))
        .hasValueSatisfying(row -> assertThat(row.origin()).isEqualTo(LineMessages.BRAND));
  }

  @Test
  void usesAReplyTokenOnceAndPushesTheNextPart() {
    customerMessage("700002", "user", USER, USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/reply"))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800002\"}]}")));
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800003\"}]}")));

    publisher.publish(reply("k2a", "700002", USER, Visibility.PRIVATE, "first"));
    PublishOutcome second =
        publisher.publish(reply("k2b", "700002", USER, Visibility.PRIVATE, "second"));

    assertThat(second).isInstanceOf(PublishOutcome.Published.class);
    line.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/bot/message/reply")));
    line.server().verify(1, postRequestedFor(urlPathEqualTo("/v2/bot/message/push")));
  }

  @Test
  void pushesUnderARetryKeyWhenTheReplyTokenIsStale() {
    customerMessage("700003", "user", USER, USER);
    clock.set(RECEIVED.plusSeconds(31));
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .withHeader("X-Line-Retry-Key", equalTo(LinePublisher.retryKey("k3")))
                .withRequestBody(
                    equalToJson(
                        "{\"to\":\""
                            + USER
                            + "\",\"messages\":[{\"type\":\"text\",\"text\":\"سلام، سفارش شما ارسال شد ✅\","
                            + "\"quoteToken\":\"q-700003\"}]}"))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800004\"}]}")));

    PublishOutcome outcome =
        publisher.publish(
            reply("k3", "700003", USER, Visibility.PRIVATE, "سلام، سفارش شما ارسال شد ✅"));

    assertThat(outcome).isEqualTo(new PublishOutcome.Published("800004", null, clock.instant()));
    assertThat(LinePublisher.retryKey("k3")).matches(UUID);
  }

  @Test
  void treatsLinesConflictForARepeatedRetryKeyAsDelivered() {
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .willReturn(
                    aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withHeader(
                            "x-line-accepted-request-id", "a1b2c3d4-0000-4000-8000-000000000000")
                        .withBody(
                            "{\"message\":\"The retry key is already accepted\",\"sentMessages\":[{\"id\":\"800005\"}]}")));

    PublishOutcome outcome =
        publisher.publish(reply("k4", "799999", USER, Visibility.PRIVATE, "hello"));

    assertThat(outcome).isEqualTo(new PublishOutcome.Published("800005", null, clock.instant()));
  }

  @Test
  void sendsAPushWhoseAnswerWasLostAgainUnderTheSameRetryKey() {
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .inScenario("lost")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("again"));
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .inScenario("lost")
                .whenScenarioStateIs("again")
                .willReturn(
                    aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"message\":\"The retry key is already accepted\",\"sentMessages\":[{\"id\":\"800006\"}]}")));

    PublishOutcome first =
        publisher.publish(reply("k5", "799999", USER, Visibility.PRIVATE, "hello"));
    PublishOutcome second =
        publisher.publish(reply("k5", "799999", USER, Visibility.PRIVATE, "hello"));

    assertThat(first).isInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(second).isEqualTo(new PublishOutcome.Published("800006", null, clock.instant()));
    line.server()
        .verify(
            2,
            postRequestedFor(urlPathEqualTo("/v2/bot/message/push"))
                .withHeader("X-Line-Retry-Key", equalTo(LinePublisher.retryKey("k5"))));
  }

  @Test
  void pushesAPartCutOffByACrashAgainUnderItsRetryKeyRatherThanItsReplyToken() {
    customerMessage("700007", "user", USER, USER);
    attempts.record("k6", LinePublishAttempts.PUSH, LinePublisher.retryKey("k6"), clock.instant());
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .withHeader("X-Line-Retry-Key", equalTo(LinePublisher.retryKey("k6")))
                .willReturn(
                    aResponse()
                        .withStatus(409)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                            "{\"message\":\"The retry key is already accepted\",\"sentMessages\":[{\"id\":\"800007\"}]}")));

    assertThat(publisher.publish(reply("k6", "700007", USER, Visibility.PRIVATE, "hello")))
        .isInstanceOf(PublishOutcome.Published.class);
    line.server().verify(0, postRequestedFor(urlPathEqualTo("/v2/bot/message/reply")));
  }

  @Test
  void reportsAReplyTokenRequestCutOffByACrashAsUnknownWithoutSendingAgain() {
    customerMessage("700008", "user", USER, USER);
    attempts.record("k7", LinePublishAttempts.REPLY, LinePublisher.retryKey("k7"), clock.instant());

    assertThatThrownBy(
            () -> publisher.publish(reply("k7", "700008", USER, Visibility.PRIVATE, "hello")))
        .isInstanceOf(LineOutcomeUnknownException.class)
        .hasMessageContaining("cut off");
    assertThat(line.exchanges()).isEmpty();
  }

  @Test
  void reportsAReplyWithoutAnAnswerAsUnknown() {
    customerMessage("700009", "user", USER, USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/reply"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(
            () -> publisher.publish(reply("k8", "700009", USER, Visibility.PRIVATE, "hello")))
        .isInstanceOf(LineOutcomeUnknownException.class);
  }

  @Test
  void pushesWhenLineRefusesTheReplyTokenAsInvalid() {
    customerMessage("700010", "user", USER, USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/reply"))
                .willReturn(
                    aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Invalid reply token\"}")));
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .withHeader("X-Line-Retry-Key", matching(UUID))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800010\"}]}")));

    assertThat(publisher.publish(reply("k9", "700010", USER, Visibility.PRIVATE, "hello")))
        .isEqualTo(new PublishOutcome.Published("800010", null, clock.instant()));
  }

  @Test
  void refusesAPushForTheMonthlyLimitSayingTheQuotaIsSpent() {
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .willReturn(
                    aResponse()
                        .withStatus(429)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"You have reached your monthly limit.\"}")));

    PublishOutcome outcome =
        publisher.publish(reply("k10", "799999", USER, Visibility.PRIVATE, "hello"));

    assertThat(outcome).isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(((PublishOutcome.Rejected) outcome).reason())
        .contains("monthly message quota")
        .contains("spent");
    assertThat(quota.spent()).isTrue();
  }

  @Test
  void retriesAPushAfterARateLimitOrAServerError() {
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .willReturn(
                    aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Internal error\"}"))
                .withMetadata(
                    com.github.tomakehurst.wiremock.common.Metadata.metadata()
                        .attr(LineSpec.DEVIATION, "the spec lists no 500 for push")));

    assertThat(publisher.publish(reply("k11", "799999", USER, Visibility.PRIVATE, "hello")))
        .isInstanceOf(PublishOutcome.RetryLater.class);
  }

  @Test
  void answersAGroupInTheGroupAndSendsAPrivateReplyToTheAuthorAlone() {
    customerMessage("700012", "group", GROUP, OTHER_USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/reply"))
                .withRequestBody(
                    equalToJson(
                        "{\"replyToken\":\"rt-700012\",\"messages\":[{\"type\":\"text\",\"text\":\"we're on it\",\"quoteToken\":\"q-700012\"}]}"))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800012\"}]}")));
    customerMessage("700013", "group", GROUP, OTHER_USER);
    line.server()
        .stubFor(
            post(urlPathEqualTo("/v2/bot/message/push"))
                .withRequestBody(
                    equalToJson(
                        "{\"to\":\""
                            + OTHER_USER
                            + "\",\"messages\":[{\"type\":\"text\",\"text\":\"your order number?\"}]}"))
                .willReturn(okJson("{\"sentMessages\":[{\"id\":\"800013\"}]}")));

    assertThat(publisher.publish(reply("k12", "700012", GROUP, Visibility.PUBLIC, "we're on it")))
        .isInstanceOf(PublishOutcome.Published.class);
    assertThat(
            publisher.publish(
                reply("k13", "700013", GROUP, Visibility.PRIVATE, "your order number?")))
        .isInstanceOf(PublishOutcome.Published.class);
  }

  @Test
  void refusesToPushToACustomerWhoBlockedTheAccount() {
    friends.friendship(USER, false, clock.instant().minusSeconds(60));

    PublishOutcome outcome =
        publisher.publish(reply("k14", "799999", USER, Visibility.PRIVATE, "hello"));

    assertThat(((PublishOutcome.Rejected) outcome).reason()).contains("blocked the account");
    assertThat(line.exchanges()).isEmpty();
  }

  @Test
  void holdsAReplyThatWouldBePushedWhileTheQuotaIsSpentButNotOneTheReplyTokenCovers() {
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/message/quota"))
                .willReturn(okJson("{\"type\":\"limited\",\"value\":500}")));
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/message/quota/consumption"))
                .willReturn(okJson("{\"totalUsage\":500}")));
    customerMessage("700015", "user", USER, USER);
    LineQuotaPolicy policy = new LineQuotaPolicy(messages, quota, config.replyTokenTtl(), clock);

    org.socialdesk.api.reply.ReplyDecision fresh =
        policy.review(LineDrafts.draft("700015", USER, "thanks!"));
    clock.set(RECEIVED.plusSeconds(40));
    org.socialdesk.api.reply.ReplyDecision stale =
        policy.review(LineDrafts.draft("700015", USER, "thanks!"));

    assertThat(fresh).isInstanceOf(org.socialdesk.api.reply.ReplyDecision.Allow.class);
    assertThat(stale).isInstanceOf(org.socialdesk.api.reply.ReplyDecision.Hold.class);
    assertThat(((org.socialdesk.api.reply.ReplyDecision.Hold) stale).reason())
        .contains("monthly message quota");
  }

  @Test
  void passesAPushWhileTheQuotaLasts() {
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/message/quota"))
                .willReturn(okJson("{\"type\":\"limited\",\"value\":500}")));
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/message/quota/consumption"))
                .willReturn(okJson("{\"totalUsage\":499}")));
    LineQuotaPolicy policy = new LineQuotaPolicy(messages, quota, config.replyTokenTtl(), clock);

    assertThat(policy.review(LineDrafts.draft("799999", USER, "thanks!")))
        .isInstanceOf(org.socialdesk.api.reply.ReplyDecision.Allow.class);
  }

  private void customerMessage(String messageId, String sourceType, String chatId, String userId) {
    messages.recordCustomer(
        new LineIncoming(
            "ev-" + messageId,
            false,
            messageId,
            sourceType,
            chatId,
            userId,
            "text",
            "hi",
            "rt-" + messageId,
            "q-" + messageId,
            null,
            false,
            List.of(),
            Instant.ofEpochMilli(LinePayloads.TIME)),
        RECEIVED);
  }

  private static OutgoingReply reply(
      String key, String answering, String conversation, Visibility visibility, String text) {
    String author = conversation.equals(GROUP) ? OTHER_USER : USER;
    return new OutgoingReply(
        key,
        new PostKey("line", answering),
        conversation,
        Author.of("line", author, author),
        visibility,
        text);
  }
}
