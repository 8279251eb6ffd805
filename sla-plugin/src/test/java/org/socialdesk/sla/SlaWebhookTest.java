package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.sla.alert.SlaAlertOutbox;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.clock.SlaTicker;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.config.SlaEscalationConfig;
import org.socialdesk.sla.config.SlaWebhookConfig;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;

class SlaWebhookTest {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final String SECRET = "a-long-enough-shared-secret-123";

  record Received(Map<String, String> headers, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Integer> answers = new CopyOnWriteArrayList<>(List.of(500, 204));
  private final HttpServer server;

  SlaWebhookTest() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          var headers = exchange.getRequestHeaders();
          received.add(
              new Received(
                  Map.of(
                      "webhook-id", headers.getFirst("webhook-id"),
                      "webhook-timestamp", headers.getFirst("webhook-timestamp"),
                      "webhook-signature", headers.getFirst("webhook-signature")),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
          int status = answers.isEmpty() ? 204 : answers.removeFirst();
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static String independentSignature(String id, String timestamp, String body)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "v1,"
        + Base64.getEncoder()
            .encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void alertIsPostedSignedAndRetriedWithTheSameIdUntilTheReceiverTakesIt() throws Exception {
    var db = TestingDatabase.create();
    SlaJdbc jdbc = new SlaJdbc(db);
    SlaPolicies policies = config(rule("default", null, "24x7", "15m", "30m", "4h")).slaPolicies();
    SettableClock clock = new SettableClock(T0);
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    SlaWebhook webhook =
        new SlaWebhook(
            new SlaWebhookConfig(url, Secret.of(SECRET)),
            HttpClient.newHttpClient(),
            Duration.ofSeconds(5));
    SlaTicker ticker =
        new SlaTicker(
            jdbc, policies, SlaEscalationConfig.DEFAULTS, true, new ImmediateEventBus(), clock);
    SlaAlertOutbox outbox = new SlaAlertOutbox(jdbc, new FakeHelpdesk(), webhook, clock);
    new SlaClockEvents(jdbc, policies).onPostRouted(SlaEvents.newTicket("7", "p1", T0));

    clock.set(T0.plus(Duration.ofMinutes(12)));
    SlaPlugin.tick(ticker, outbox); // 500: kept for a retry
    SlaPlugin.tick(ticker, outbox); // within the backoff: nothing sent
    clock.advance(Duration.ofSeconds(6));
    SlaPlugin.tick(ticker, outbox); // 204
    clock.advance(Duration.ofMinutes(1));
    SlaPlugin.tick(ticker, outbox); // done: nothing more

    assertThat(received).hasSize(2);
    assertThat(received.get(1).headers().get("webhook-id"))
        .isEqualTo(received.get(0).headers().get("webhook-id"))
        .startsWith("sla_");
    for (Received delivery : received) {
      assertThat(delivery.headers().get("webhook-signature"))
          .isEqualTo(
              independentSignature(
                  delivery.headers().get("webhook-id"),
                  delivery.headers().get("webhook-timestamp"),
                  delivery.body()));
    }
    assertThat(received.get(1).headers().get("webhook-timestamp"))
        .isEqualTo(Long.toString(T0.plus(Duration.ofMinutes(12)).plusSeconds(6).getEpochSecond()));
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(received.get(1).body());
    assertThat(json.path("type").asText()).isEqualTo("sla.warning");
    assertThat(json.path("data").path("ticket").path("id").asText()).isEqualTo("7");
    assertThat(json.path("data").path("target").asText()).isEqualTo("first-response");
    assertThat(json.path("data").path("dueAt").asText()).isEqualTo("2026-03-10T10:15:00Z");
    assertThat(json.path("data").path("id").asText())
        .isEqualTo(received.get(1).headers().get("webhook-id"));
  }
}
