package org.socialdesk.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.socialdesk.channel.telegram.TelegramFixtures.BOT_ID;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.GROUP;
import static org.socialdesk.channel.telegram.TelegramFixtures.NOW;
import static org.socialdesk.channel.telegram.TelegramFixtures.TOKEN;
import static org.socialdesk.channel.telegram.TelegramFixtures.group;
import static org.socialdesk.channel.telegram.TelegramFixtures.message;
import static org.socialdesk.channel.telegram.TelegramFixtures.privateChat;
import static org.socialdesk.channel.telegram.TelegramFixtures.user;
import static org.socialdesk.channel.telegram.TelegramStubs.error;
import static org.socialdesk.channel.telegram.TelegramStubs.floodWait;
import static org.socialdesk.channel.telegram.TelegramStubs.method;
import static org.socialdesk.channel.telegram.TelegramStubs.ok;

import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
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

class TelegramPublisherTest {

  @RegisterExtension static final TelegramWireMock telegram = new TelegramWireMock();

  private final TelegramStore store =
      new TelegramStore(
          TestingDatabase.shared(
              ChannelChangelog.RESOURCE,
              "telegram_update",
              "telegram_business_chat",
              "channel_cursor"),
          new SettableClock(NOW),
          Long.toString(BOT_ID));

  @Test
  void aPrivateReplyGoesToTheCustomersChatAsAReplyToTheirMessage() {
    telegram
        .server()
        .stubFor(
            method("sendMessage")
                .willReturn(
                    ok(sent(9001, privateChat(CUSTOMER, "Maryam"), "سفارش شما ارسال شد ✅"))));

    PublishOutcome outcome =
        publisher(telegram.baseUrl())
            .publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "سفارش شما ارسال شد ✅"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Published.class,
            published -> {
              assertThat(published.remoteId()).isEqualTo(CUSTOMER + ":9001");
              assertThat(published.url()).isNull();
            });
    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(
                    equalToJson(
                        "{\"chat_id\":"
                            + CUSTOMER
                            + ",\"text\":\"سفارش شما ارسال شد ✅\","
                            + "\"reply_parameters\":{\"message_id\":15,\"allow_sending_without_reply\":true}}")));
  }

  @Test
  void aGroupReplyStaysInTheGroupAndLinksToTheSentMessage() {
    telegram
        .server()
        .stubFor(
            method("sendMessage")
                .willReturn(
                    ok(sent(880, group(GROUP, "ShopKite fans", "shopkitefans"), "ส่งแล้วครับ"))));

    PublishOutcome outcome =
        publisher(telegram.baseUrl())
            .publish(reply(GROUP + ":77", Visibility.PUBLIC, "ส่งแล้วครับ"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Published.class,
            published -> {
              assertThat(published.remoteId()).isEqualTo(GROUP + ":880");
              assertThat(published.url()).isEqualTo(URI.create("https://t.me/shopkitefans/880"));
            });
    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(
                    equalToJson(
                        "{\"chat_id\":"
                            + GROUP
                            + ",\"text\":\"ส่งแล้วครับ\",\"reply_parameters\":{\"message_id\":77,\"allow_sending_without_reply\":true}}")));
  }

  @Test
  void aReplyInAForumTopicIsSentIntoThatTopic() {
    telegram
        .server()
        .stubFor(
            method("sendMessage")
                .willReturn(ok(sent(881, group(GROUP, "ShopKite forum", null), "refund sent"))));

    publisher(telegram.baseUrl())
        .publish(
            new OutgoingReply(
                "reply-2",
                new PostKey("telegram", GROUP + ":90"),
                GROUP + ":m12:u" + CUSTOMER,
                customer(),
                Visibility.PUBLIC,
                "refund sent"));

    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(
                    equalToJson(
                        "{\"chat_id\":"
                            + GROUP
                            + ",\"message_thread_id\":12,\"text\":\"refund sent\","
                            + "\"reply_parameters\":{\"message_id\":90,\"allow_sending_without_reply\":true}}")));
  }

  @Test
  void aPrivateAnswerToAGroupMessageGoesToTheCustomersPrivateChatWithoutQuoting() {
    telegram
        .server()
        .stubFor(
            method("sendMessage")
                .willReturn(ok(sent(12, privateChat(CUSTOMER, "Ana"), "your address?"))));

    publisher(telegram.baseUrl())
        .publish(reply(GROUP + ":77", Visibility.PRIVATE, "your address?"));

    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(
                    equalToJson("{\"chat_id\":" + CUSTOMER + ",\"text\":\"your address?\"}")));
  }

  @Test
  void aBusinessChatIsAnsweredThroughItsConnection() {
    store.rememberBusinessChat(Long.toString(CUSTOMER), "BCon-xyz_1");
    Map<String, Object> sent = sent(31, privateChat(CUSTOMER, "Ana"), "hello from the shop");
    sent.put("business_connection_id", "BCon-xyz_1");
    telegram.server().stubFor(method("sendMessage").willReturn(ok(sent)));

    PublishOutcome outcome =
        publisher(telegram.baseUrl())
            .publish(reply("b" + CUSTOMER + ":3", Visibility.PRIVATE, "hello from the shop"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Published.class,
            published -> assertThat(published.remoteId()).isEqualTo("b" + CUSTOMER + ":31"));
    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/sendMessage"))
                .withRequestBody(
                    equalToJson(
                        "{\"business_connection_id\":\"BCon-xyz_1\",\"chat_id\":"
                            + CUSTOMER
                            + ",\"text\":\"hello from the shop\","
                            + "\"reply_parameters\":{\"message_id\":3,\"allow_sending_without_reply\":true}}")));
  }

  @Test
  void aFloodWaitIsRetriedAfterTelegramsRetryAfter() {
    telegram.server().stubFor(method("sendMessage").willReturn(floodWait(17)));

    PublishOutcome outcome =
        publisher(telegram.baseUrl()).publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> assertThat(later.after()).isEqualTo(Duration.ofSeconds(17)));
  }

  @Test
  void aCustomerWhoBlockedTheBotIsReportedPlainly() {
    telegram
        .server()
        .stubFor(
            method("sendMessage").willReturn(error(403, "Forbidden: bot was blocked by the user")));

    PublishOutcome outcome =
        publisher(telegram.baseUrl()).publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            rejected ->
                assertThat(rejected.reason())
                    .contains("blocked the bot")
                    .contains("until they unblock it"));
  }

  @Test
  void anotherRefusalIsRejectedWithTelegramsDescription() {
    telegram
        .server()
        .stubFor(method("sendMessage").willReturn(error(400, "Bad Request: chat not found")));

    PublishOutcome outcome =
        publisher(telegram.baseUrl()).publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.Rejected.class,
            rejected -> assertThat(rejected.reason()).contains("400 Bad Request: chat not found"));
  }

  @Test
  void aRevokedTokenWaitsForTheOperatorWithoutShowingTheToken() {
    telegram.server().stubFor(method("sendMessage").willReturn(error(401, "Unauthorized")));

    PublishOutcome outcome =
        publisher(telegram.baseUrl()).publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> {
              assertThat(later.after()).isEqualTo(Duration.ofMinutes(5));
              assertThat(later.reason()).contains("bot token").doesNotContain(TOKEN);
            });
  }

  @Test
  void aConnectionLostAfterSendingIsAnUnknownOutcomeNeverARetry() {
    telegram
        .server()
        .stubFor(
            method("sendMessage")
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(
            () ->
                publisher(telegram.baseUrl())
                    .publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi")))
        .isInstanceOf(TelegramOutcomeUnknownException.class)
        .hasMessageContaining("may or may not be delivered")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aServerErrorIsAnUnknownOutcomeSinceTelegramMayHaveSentIt() {
    telegram.server().stubFor(method("sendMessage").willReturn(error(502, "Bad Gateway")));

    assertThatThrownBy(
            () ->
                publisher(telegram.baseUrl())
                    .publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi")))
        .isInstanceOf(TelegramOutcomeUnknownException.class);
  }

  @Test
  void noConnectionAtAllIsRetriedSinceNothingLeft() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    PublishOutcome outcome =
        publisher(URI.create("http://127.0.0.1:" + closedPort))
            .publish(reply(CUSTOMER + ":15", Visibility.PRIVATE, "hi"));

    assertThat(outcome)
        .isInstanceOfSatisfying(
            PublishOutcome.RetryLater.class,
            later -> assertThat(later.reason()).contains("nothing was sent").doesNotContain(TOKEN));
  }

  @Test
  void aPostOfAnotherNetworkOrAMalformedIdIsRejectedWithoutACall() {
    TelegramPublisher publisher = publisher(telegram.baseUrl());

    assertThat(
            publisher.publish(
                new OutgoingReply(
                    "k", new PostKey("x", "1:2"), "c", customer(), Visibility.PRIVATE, "hi")))
        .isInstanceOf(PublishOutcome.Rejected.class);
    assertThat(publisher.publish(reply("15", Visibility.PRIVATE, "hi")))
        .isInstanceOf(PublishOutcome.Rejected.class);
  }

  private TelegramPublisher publisher(URI baseUrl) {
    return new TelegramPublisher(
        new TelegramApi(
            HttpClient.newHttpClient(), baseUrl, Secret.of(TOKEN), Duration.ofSeconds(5)),
        store,
        new SettableClock(NOW));
  }

  private static OutgoingReply reply(String inReplyTo, Visibility visibility, String text) {
    return new OutgoingReply(
        "reply-1",
        new PostKey("telegram", inReplyTo),
        "conversation",
        customer(),
        visibility,
        text);
  }

  private static Author customer() {
    return Author.of("telegram", Long.toString(CUSTOMER), "maryam_t");
  }

  private static Map<String, Object> sent(long messageId, Map<String, Object> chat, String text) {
    return message(messageId, chat, user(BOT_ID, "ShopKite", "ShopKiteBot"), text);
  }
}
