package org.socialdesk.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlainHttp11ClientTest {

  @Test
  void aPlainHttpRequestIsSentAsHttp11WithItsMethodHeadersBodyAndTimeout() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8095/REST/2.0/ticket"))
            .timeout(Duration.ofSeconds(7))
            .header("Authorization", "token abc")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    HttpRequest sent = PlainHttp11Client.versioned(request);

    assertThat(sent.version()).contains(HttpClient.Version.HTTP_1_1);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.uri()).isEqualTo(request.uri());
    assertThat(sent.headers().map()).isEqualTo(request.headers().map());
    assertThat(sent.timeout()).contains(Duration.ofSeconds(7));
    assertThat(sent.bodyPublisher()).isEqualTo(request.bodyPublisher());
  }

  @Test
  void anHttpsRequestIsLeftToTheClientsVersionSoHttp2IsNegotiatedByAlpn() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://api.line.me/v2/bot/info")).build();

    assertThat(PlainHttp11Client.versioned(request)).isSameAs(request);
    assertThat(HttpClients.http11OnPlainHttp(HttpClient.newHttpClient()).version())
        .isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void aRequestThatChoseItsVersionKeepsIt() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1/x"))
            .version(HttpClient.Version.HTTP_2)
            .build();

    assertThat(PlainHttp11Client.versioned(request)).isSameAs(request);
  }

  @Test
  void wrappingTwiceWrapsOnce() {
    HttpClient once = HttpClients.http11OnPlainHttp(HttpClient.newHttpClient());

    assertThat(HttpClients.http11OnPlainHttp(once)).isSameAs(once);
  }
}
