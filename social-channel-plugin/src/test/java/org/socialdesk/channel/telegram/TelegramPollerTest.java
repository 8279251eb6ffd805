package org.socialdesk.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.GROUP;
import static org.socialdesk.channel.telegram.TelegramFixtures.NOW;
import static org.socialdesk.channel.telegram.TelegramFixtures.TOKEN;
import static org.socialdesk.channel.telegram.TelegramFixtures.group;
import static org.socialdesk.channel.telegram.TelegramFixtures.message;
import static org.socialdesk.channel.telegram.TelegramFixtures.privateChat;
import static org.socialdesk.channel.telegram.TelegramFixtures.update;
import static org.socialdesk.channel.telegram.TelegramFixtures.user;
import static org.socialdesk.channel.telegram.TelegramFixtures.withMention;
import static org.socialdesk.channel.telegram.TelegramStubs.floodWait;
import static org.socialdesk.channel.telegram.TelegramStubs.me;
import static org.socialdesk.channel.telegram.TelegramStubs.method;
import static org.socialdesk.channel.telegram.TelegramStubs.updates;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class TelegramPollerTest {

  @RegisterExtension static final TelegramWireMock telegram = new TelegramWireMock();

  private final RecordingIngest ingest = new RecordingIngest();
  private final SettableClock clock = new SettableClock(NOW);
  private DataSource database;
  private TelegramConfig config;

  @BeforeEach
  void freshDatabase() {
    database =
        TestingDatabase.shared(
            ChannelChangelog.RESOURCE,
            "telegram_update",
            "telegram_business_chat",
            "channel_cursor");
    config =
        new TelegramConfig(
            true,
            telegram.baseUrl(),
            Secret.of(TOKEN),
            null,
            null,
            Duration.ofSeconds(1),
            null,
            null,
            null,
            null);
  }

  @Test
  void theFirstPollAsksForTheChannelsKindsWithoutOffsetAndConfirmsOnlyWhatIsStored()
      throws Exception {
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .willReturn(
                    updates(privateUpdate(100, 15, "سلام"), privateUpdate(101, 16, "help?"))));

    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);

    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":15", CUSTOMER + ":16");
    assertThat(store().lastUpdate()).contains(101L);
    telegram
        .server()
        .verify(
            postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getUpdates"))
                .withRequestBody(
                    equalToJson(
                        "{\"limit\":100,\"timeout\":1,"
                            + "\"allowed_updates\":[\"message\",\"edited_message\",\"business_message\",\"edited_business_message\"]}")));
  }

  @Test
  void theNextPollSendsTheOffsetOnePastTheLastStoredUpdateEvenAfterARestart() throws Exception {
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .withRequestBody(matchingJsonPath("$.offset", absent()))
                .willReturn(updates(privateUpdate(100, 15, "first"))));
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .withRequestBody(matchingJsonPath("$.offset", equalTo("101")))
                .willReturn(updates(privateUpdate(101, 16, "second"))));
    poller().poll();

    TelegramPoller afterRestart = poller();
    assertThat(afterRestart.poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);

    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":15", CUSTOMER + ":16");
    assertThat(store().lastUpdate()).contains(101L);
  }

  @Test
  void whenTheHostCannotStoreTheOffsetStaysBeforeTheUpdateAndItIsAskedForAgain() throws Exception {
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .willReturn(updates(privateUpdate(100, 15, "one"), privateUpdate(101, 16, "two"))));
    ingest.failFor(CUSTOMER + ":16");

    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.INGEST_UNAVAILABLE);
    assertThat(store().lastUpdate()).contains(100L);

    ingest.recover();
    telegram.server().resetAll();
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .withRequestBody(matchingJsonPath("$.offset", equalTo("101")))
                .willReturn(updates(privateUpdate(101, 16, "two"))));
    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":15", CUSTOMER + ":16");
  }

  @Test
  void anUpdateDeliveredAgainAfterACrashBeforeTheOffsetMovedIsTakenInOnce() throws Exception {
    // The emulator answers the same update whatever the offset: as if the process died after
    // storing it, before confirming.
    telegram
        .server()
        .stubFor(method("getUpdates").willReturn(updates(privateUpdate(100, 15, "once"))));
    TelegramStore store = store();
    new TelegramIntake(TelegramReaderTest.reader(false), store, ingest)
        .take(TelegramFixtures.json(privateUpdate(100, 15, "once")));

    poller().poll();

    assertThat(ingest.calls()).hasSize(1);
    assertThat(store.lastUpdate()).contains(100L);
  }

  @Test
  void aFloodWaitIsHonouredBeforeTheNextCall() throws Exception {
    telegram.server().stubFor(method("getUpdates").willReturn(floodWait(7)));
    TelegramPoller poller = poller();

    assertThat(poller.poll()).isEqualTo(TelegramPoller.Outcome.RATE_LIMITED);
    clock.advance(Duration.ofSeconds(6));
    assertThat(poller.poll()).isEqualTo(TelegramPoller.Outcome.RATE_LIMITED);
    telegram.server().verify(1, postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getUpdates")));

    clock.advance(Duration.ofSeconds(2));
    telegram.server().stubFor(method("getUpdates").willReturn(updates()));
    assertThat(poller.poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);
  }

  @Test
  void aGroupMentionIsReadWithTheUsernameGetMeGaveOnce() throws Exception {
    telegram.server().stubFor(method("getMe").willReturn(me()));
    telegram
        .server()
        .stubFor(
            method("getUpdates").willReturn(updates(groupMention(200, 77), groupMention(201, 78))));

    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);

    assertThat(ingest.storedPostIds()).containsExactly(GROUP + ":77", GROUP + ":78");
    telegram.server().verify(1, postRequestedFor(urlEqualTo("/bot" + TOKEN + "/getMe")));
  }

  @Test
  void whenGetMeFailsAGroupMessageIsNotConfirmed() throws Exception {
    telegram.server().stubFor(method("getMe").willReturn(TelegramStubs.error(502, "Bad Gateway")));
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .willReturn(
                    updates(privateUpdate(199, 14, "private first"), groupMention(200, 77))));

    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.FAILED);

    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":14");
    assertThat(store().lastUpdate()).contains(199L);
  }

  @Test
  void anEditOfAStoredMessageReachesTheHostAsAnEdit() throws Exception {
    Map<String, Object> edited =
        message(
            15,
            privateChat(CUSTOMER, "Maryam"),
            user(CUSTOMER, "Maryam", null),
            "سفارش ۱۲۳۵ (نه ۱۲۳۴)");
    edited.put("edit_date", NOW.getEpochSecond());
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .willReturn(
                    updates(
                        privateUpdate(100, 15, "سفارش ۱۲۳۴"),
                        update(101, "edited_message", edited))));

    poller().poll();

    assertThat(ingest.stored())
        .hasSize(2)
        .last()
        .isInstanceOfSatisfying(
            InboundEvent.PostEdited.class,
            edit -> assertThat(edit.newText()).isEqualTo("سفارش ۱۲۳۵ (نه ۱۲۳۴)"));
  }

  @Test
  void anUnreadableUpdateIsQuarantinedAndConfirmed() throws Exception {
    Map<String, Object> noDate =
        message(1, privateChat(CUSTOMER, "A"), user(CUSTOMER, "A", null), "ok");
    noDate.remove("date");
    telegram
        .server()
        .stubFor(
            method("getUpdates")
                .willReturn(updates(update(300, "message", noDate)))
                .withMetadata(
                    Map.of(
                        TelegramSpec.DEVIATION,
                        "a message without its date, which Telegram never sends, to prove it is quarantined")));

    assertThat(poller().poll()).isEqualTo(TelegramPoller.Outcome.CAUGHT_UP);

    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(kept -> assertThat(kept.reason()).contains("date"));
    assertThat(ingest.stored()).isEmpty();
    assertThat(store().lastUpdate()).contains(300L);
  }

  private TelegramPoller poller() {
    TelegramApi api =
        new TelegramApi(
            HttpClient.newHttpClient(), config.baseUrl(), config.botToken(), Duration.ofSeconds(5));
    TelegramStore store = store();
    TelegramIntake intake =
        new TelegramIntake(
            new TelegramReader(new TelegramIdentity(api, config.botId()), config), store, ingest);
    return new TelegramPoller(api, store, intake, config, clock);
  }

  private TelegramStore store() {
    return new TelegramStore(database, clock, config.botId());
  }

  private static Map<String, Object> privateUpdate(long updateId, long messageId, String text) {
    return update(
        updateId,
        "message",
        message(messageId, privateChat(CUSTOMER, "Maryam"), user(CUSTOMER, "Maryam", null), text));
  }

  private static Map<String, Object> groupMention(long updateId, long messageId) {
    return update(
        updateId,
        "message",
        withMention(
            message(
                messageId,
                group(GROUP, "ShopKite fans", null),
                user(CUSTOMER + messageId, "Ana", null),
                "@ShopKiteBot где мой заказ?"),
            "@ShopKiteBot"));
  }
}
