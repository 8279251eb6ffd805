package org.socialdesk.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;

class JsonErrorHandlerTest {

  private final WebServer web =
      new WebServer("127.0.0.1", 0, Duration.ofSeconds(1), new AdminToken(Secret.of("t")));

  @AfterEach
  void stop() throws Exception {
    web.close();
  }

  @Test
  void aServletThatThrowsGivesA500WithoutTheExceptionOrItsMessage() throws Exception {
    web.mount(
        "/boom",
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("secret internals: jdbc:postgresql://db/prod");
          }
        },
        WebRegistry.Access.PUBLIC);
    web.start();
    web.started();

    try (HttpClient client = HttpClient.newHttpClient()) {
      for (String accept : new String[] {"text/html", "application/json"}) {
        HttpResponse<String> answer =
            client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/boom"))
                    .header("Accept", accept)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body())
            .contains(JsonErrorHandler.SERVER_FAILED)
            .doesNotContain("secret internals")
            .doesNotContain("IllegalStateException");
      }
    }
  }
}
