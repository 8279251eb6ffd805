package org.socialdesk.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;

class WebServerTest {

  @Test
  void closingWithARequestStillRunningPastTheShutdownTimeoutStopsTheServerWithoutAnError()
      throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    WebServer web =
        new WebServer("127.0.0.1", 0, Duration.ofMillis(200), new AdminToken(Secret.of("t")));
    web.mount(
        "/slow",
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws java.io.IOException {
            running.countDown();
            try {
              Thread.sleep(5000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            response.getWriter().write("late");
          }
        },
        WebRegistry.Access.PUBLIC);
    web.start();
    web.started();
    URI slow = URI.create("http://127.0.0.1:" + web.port() + "/slow");

    try (HttpClient client = HttpClient.newHttpClient()) {
      client.sendAsync(HttpRequest.newBuilder(slow).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

      web.close();

      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(slow).timeout(Duration.ofSeconds(2)).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void anOpenEventStreamIsEndedAtShutdownInsteadOfHoldingItForTheGracePeriod() throws Exception {
    CountDownLatch streaming = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    WebServer web =
        new WebServer("127.0.0.1", 0, Duration.ofSeconds(10), new AdminToken(Secret.of("t")));
    web.mount(
        "/stream",
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws java.io.IOException {
            // As the wall's stream does: async, written by its own thread, quiet between events.
            response.setContentType("text/event-stream; charset=utf-8");
            jakarta.servlet.AsyncContext async = request.startAsync();
            async.setTimeout(0);
            jakarta.servlet.ServletOutputStream out = response.getOutputStream();
            out.write(": hello\n\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            Thread.ofVirtual()
                .start(
                    () -> {
                      streaming.countDown();
                      try {
                        never.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
          }
        },
        WebRegistry.Access.PUBLIC);
    web.start();
    web.started();

    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<java.io.InputStream> response =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/stream"))
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(streaming.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(response.body().read()).isEqualTo(':');

      long start = System.nanoTime();
      web.close();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(response.body().readAllBytes()).asString().isEqualTo(" hello\n\n"); // then EOF
    } finally {
      never.countDown();
    }
  }
}
