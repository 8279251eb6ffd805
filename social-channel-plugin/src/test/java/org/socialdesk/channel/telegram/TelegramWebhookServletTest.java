package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.NOW;
import static org.socialdesk.channel.telegram.TelegramFixtures.TOKEN;
import static org.socialdesk.channel.telegram.TelegramFixtures.message;
import static org.socialdesk.channel.telegram.TelegramFixtures.privateChat;
import static org.socialdesk.channel.telegram.TelegramFixtures.update;
import static org.socialdesk.channel.telegram.TelegramFixtures.user;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

class TelegramWebhookServletTest {

  private static final String SECRET = "wh_s3cret-Value";

  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private TestingPluginContext context;
  private TestingJetty jetty;

  @BeforeEach
  void startWebhook() throws Exception {
    context =
        TestingPluginContext.builder()
            .clock(new SettableClock(NOW))
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .dataSource(
                TestingDatabase.shared(
                    ChannelChangelog.RESOURCE,
                    "telegram_update",
                    "telegram_business_chat",
                    "channel_cursor"))
            .ownScheduler()
            .httpClients(Duration.ofSeconds(5))
            .build();
    TelegramChannel.start(
        new TelegramConfig(
            true,
            URI.create("http://127.0.0.1:9"),
            Secret.of(TOKEN),
            "webhook",
            Secret.of(SECRET),
            null,
            null,
            null,
            null,
            null),
        context);
    jetty = new TestingJetty(context.mounts());
  }

  @AfterEach
  void stopWebhook() throws Exception {
    jetty.close();
    context.close();
  }

  @Test
  void isMountedPublicAtAPathWithoutAnySecretInIt() {
    assertThat(context.mounts().get("/api/channels/telegram/webhook").access())
        .isEqualTo(WebRegistry.Access.PUBLIC);
  }

  @Test
  void anUpdateWithTheRightSecretIsStoredBeforeThe200() throws Exception {
    HttpResponse<String> response = post(SECRET, privateUpdate(500, 15));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("update").asText()).isEqualTo("stored");
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":15");
  }

  @Test
  void aWrongSecretIs401AndStoresNothing() throws Exception {
    HttpResponse<String> response = post("wh_s3cret-Valuf", privateUpdate(501, 16));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText())
        .contains("X-Telegram-Bot-Api-Secret-Token")
        .doesNotContain(SECRET);
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined()).isEmpty();
  }

  @Test
  void aMissingSecretIs401AndStoresNothing() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(jetty.uri(TelegramWebhookServlet.PATH))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        TelegramFixtures.text(privateUpdate(502, 17)))));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText()).contains("missing");
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void theSameUpdateDeliveredTwiceIsTakenInOnce() throws Exception {
    post(SECRET, privateUpdate(503, 18));

    HttpResponse<String> again = post(SECRET, privateUpdate(503, 18));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("update").asText()).isEqualTo("duplicate");
    assertThat(ingest.calls()).hasSize(1);
  }

  @Test
  void aBodyThatIsNotAJsonObjectIs400() throws Exception {
    HttpResponse<String> response =
        send(request(SECRET).POST(HttpRequest.BodyPublishers.ofString("[1,2]")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void malformedJsonWithTheRightSecretIsQuarantinedAndAcknowledged() throws Exception {
    HttpResponse<String> response =
        send(request(SECRET).POST(HttpRequest.BodyPublishers.ofString("{\"update_id\": 5,")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(kept -> assertThat(kept.reason()).contains("malformed JSON"));
  }

  @Test
  void aBodyOver1MbIs413() throws Exception {
    HttpResponse<String> response =
        send(
            request(SECRET)
                .POST(
                    HttpRequest.BodyPublishers.ofString("{" + " ".repeat(1024 * 1024 + 1) + "}")));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void whenTheHostCannotStoreTheAnswerIs503AndTheRedeliveryIsStored() throws Exception {
    ingest.failWith("database down");

    HttpResponse<String> refused = post(SECRET, privateUpdate(504, 19));
    ingest.recover();
    HttpResponse<String> redelivered = post(SECRET, privateUpdate(504, 19));

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(json(redelivered).path("update").asText()).isEqualTo("stored");
    assertThat(ingest.storedPostIds()).containsExactly(CUSTOMER + ":19");
  }

  @Test
  void whenTheChannelsOwnTableCannotBeReadTheAnswerIs503NotA500() throws Exception {
    org.h2.jdbcx.JdbcDataSource missing = new org.h2.jdbcx.JdbcDataSource();
    missing.setURL("jdbc:h2:file:./target/no-such-folder/no-such-db;IFEXISTS=TRUE");
    try (TestingPluginContext broken =
        TestingPluginContext.builder()
            .clock(new SettableClock(NOW))
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .dataSource(missing)
            .ownScheduler()
            .httpClients(Duration.ofSeconds(5))
            .build()) {
      TelegramChannel.start(
          new TelegramConfig(
              true,
              URI.create("http://127.0.0.1:9"),
              Secret.of(TOKEN),
              "webhook",
              Secret.of(SECRET),
              null,
              null,
              null,
              null,
              null),
          broken);
      try (TestingJetty brokenJetty = new TestingJetty(broken.mounts())) {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(brokenJetty.uri(TelegramWebhookServlet.PATH))
                    .header(TelegramWebhookSecret.HEADER, SECRET)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            TelegramFixtures.text(privateUpdate(505, 20))))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(ingest.calls()).isEmpty();
      }
    }
  }

  private HttpResponse<String> post(String secret, Object update) throws Exception {
    return send(
        request(secret).POST(HttpRequest.BodyPublishers.ofString(TelegramFixtures.text(update))));
  }

  private HttpRequest.Builder request(String secret) {
    return HttpRequest.newBuilder(jetty.uri(TelegramWebhookServlet.PATH))
        .header("Content-Type", "application/json")
        .header(TelegramWebhookSecret.HEADER, secret);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return TelegramJson.MAPPER.readTree(response.body());
  }

  private static Object privateUpdate(long updateId, long messageId) {
    return update(
        updateId,
        "message",
        message(
            messageId, privateChat(CUSTOMER, "Maryam"), user(CUSTOMER, "Maryam", null), "سلام 👋"));
  }
}
