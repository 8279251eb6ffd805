package org.socialdesk.sla;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.sla.alert.SlaWebhook;
import org.socialdesk.sla.config.SlaWebhookConfig;
import org.socialdesk.testkit.RawHttpRecorder;
import org.socialdesk.testkit.TestingHttpClients;

/**
 * The alert outlet on the client the plugin is given: a plain-http receiver sees HTTP/1.1 and no
 * h2c upgrade offer, which some receivers answer by dropping the first request.
 */
class SlaWebhookHttpVersionTest {

  @Test
  void anAlertToAPlainHttpReceiverIsPostedAsHttp11WithoutAnH2cUpgradeOffer() throws Exception {
    try (RawHttpRecorder receiver = new RawHttpRecorder();
        TestingHttpClients clients = new TestingHttpClients(Duration.ofSeconds(5))) {
      SlaWebhook webhook =
          new SlaWebhook(
              new SlaWebhookConfig(
                  receiver.url("/hook"), Secret.of("a-long-enough-shared-secret-123")),
              clients.forPeer("sla-webhook"),
              Duration.ofSeconds(5));

      String problem = webhook.send("sla_1", "{\"type\":\"sla.warning\"}", Instant.now());

      assertThat(problem).isNull();
      assertThat(receiver.heads())
          .singleElement()
          .satisfies(
              head -> {
                assertThat(head.requestLine()).isEqualTo("POST /hook HTTP/1.1");
                assertThat(head.headers()).doesNotContainKeys("upgrade", "http2-settings");
                assertThat(head.headers().getOrDefault("connection", "")).doesNotContain("Upgrade");
                assertThat(head.headers()).containsKey("webhook-signature");
              });
    }
  }
}
