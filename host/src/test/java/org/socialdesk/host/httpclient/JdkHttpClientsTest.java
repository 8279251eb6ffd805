package org.socialdesk.host.httpclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.host.config.HttpClientConfig;
import org.socialdesk.testkit.RawHttpRecorder;

class JdkHttpClientsTest {

  @Test
  void plainHttpRequestsGoOutAsHttp11WithoutAnH2cUpgradeOffer() throws Exception {
    try (RawHttpRecorder receiver = new RawHttpRecorder();
        JdkHttpClients clients =
            new JdkHttpClients(
                new HttpClientConfig(Duration.ofSeconds(2), Duration.ofSeconds(5)))) {
      HttpClient client = clients.forPeer("rt");

      HttpResponse<Void> get =
          client.send(
              HttpRequest.newBuilder(receiver.url("/REST/2.0/queues")).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      HttpResponse<Void> post =
          client.send(
              HttpRequest.newBuilder(receiver.url("/hook"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}"))
                  .build(),
              HttpResponse.BodyHandlers.discarding());

      assertThat(get.statusCode()).isEqualTo(204);
      assertThat(post.statusCode()).isEqualTo(204);
      assertThat(receiver.heads())
          .hasSize(2)
          .allSatisfy(
              head -> {
                assertThat(head.requestLine()).endsWith(" HTTP/1.1");
                assertThat(head.headers()).doesNotContainKeys("upgrade", "http2-settings");
                assertThat(head.headers().getOrDefault("connection", "")).doesNotContain("Upgrade");
              });
    }
  }
}
