package org.socialdesk.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.host.testing.RawHttp;

/** The web server against requests crafted to get around it, sent byte for byte over a socket. */
class HttpHardeningTest {

  private static final String TOKEN = "Authorization: Bearer the-token";
  private static final String ADMIN_BODY = "admin-only-resource";

  private final WebServer web =
      new WebServer("127.0.0.1", 0, Duration.ofSeconds(1), new AdminToken(Secret.of("the-token")));

  @BeforeEach
  void start() throws Exception {
    web.mountHostEndpoints(List.of(), () -> ADMIN_BODY, answering(ADMIN_BODY));
    web.mount("/wall/*", answering("public page"), WebRegistry.Access.PUBLIC);
    web.mount("/api/channels/sandbox/*", answering(ADMIN_BODY), WebRegistry.Access.ADMIN);
    web.start();
  }

  @AfterEach
  void stop() throws Exception {
    web.close();
  }

  @Test
  void dotSegmentsThroughAPublicPathNeverReachAnAdminEndpoint() throws Exception {
    web.started();
    for (String target :
        List.of(
            "/wall/x/../../metrics",
            "/wall/../api/admin/pipeline",
            "/wall/x/../../api/admin/pipeline",
            "/wall/%2e%2e/metrics",
            "/wall/x/%2E%2e/%2e./metrics",
            "/wall/..%2fmetrics",
            "/wall/..%2Fapi/admin/pipeline",
            "/wall/..%5cmetrics",
            "/wall/..\\metrics",
            "//metrics",
            "/wall//../metrics",
            "/metrics;jsessionid=x",
            "/wall;x=1/../metrics",
            "/metrics/.",
            "/metrics/..",
            "/api/admin/pipeline/.",
            "/wall/.%2e/metrics",
            "/wall/%00/../metrics",
            "/wall/%252e%252e/metrics",
            "/api/channels/sandbox/posts/..;/..;/sandbox/outbox")) {
      RawHttp.Answer answer = RawHttp.send(web.port(), "GET", target);

      assertThat(answer.status()).as(target).isIn(400, 401);
      assertThat(answer.body()).as(target).doesNotContain(ADMIN_BODY).startsWith("{\"error\":");
    }
  }

  @Test
  void theTokenStillOpensCanonicalAdminPathsAndPublicPathsStayOpen() throws Exception {
    web.started();

    assertThat(RawHttp.send(web.port(), "GET", "/api/admin/pipeline", TOKEN).body())
        .isEqualTo(ADMIN_BODY);
    assertThat(RawHttp.send(web.port(), "GET", "/api/%61dmin/pipeline").status()).isEqualTo(401);
    assertThat(RawHttp.send(web.port(), "GET", "/wall/").status()).isEqualTo(200);
    assertThat(RawHttp.send(web.port(), "GET", "/wall/index.html").body()).isEqualTo("public page");
  }

  @Test
  void theFaviconAnswersEveryoneWithNoIconAndOpensNothingElse() throws Exception {
    web.started();

    RawHttp.Answer icon = RawHttp.send(web.port(), "GET", "/favicon.ico");
    assertThat(icon.status()).isEqualTo(204); // not 401: browsers ask on every page
    assertThat(icon.body()).isEmpty();
    assertThat(icon.header("Cache-Control")).isEqualTo("public, max-age=86400");
    // An exact path, not a prefix: nothing beside or below it is public.
    for (String target :
        List.of("/favicon.ico/x", "/favicon.icox", "/favicon.ico/../metrics", "/FAVICON.ICO")) {
      assertThat(RawHttp.send(web.port(), "GET", target).status()).as(target).isIn(400, 401);
    }
    RawHttp.Answer post = RawHttp.send(web.port(), "POST", "/favicon.ico", "Content-Length: 0");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.body()).startsWith("{\"error\":");
  }

  @Test
  void traceAndTrackAreRefusedOnEveryPathWithoutEchoingTheRequest() throws Exception {
    web.started();
    for (String method : List.of("TRACE", "TRACK")) {
      for (String target :
          List.of(
              "/healthz",
              "/readyz",
              "/metrics",
              "/wall/",
              "/api/admin/plugins",
              "/api/channels/sandbox/posts",
              "/nowhere")) {
        RawHttp.Answer answer =
            RawHttp.send(web.port(), method, target, TOKEN, "Cookie: session=secret-cookie");

        assertThat(answer.status()).as(method + " " + target).isEqualTo(405);
        assertThat(answer.body())
            .as(method + " " + target)
            .doesNotContain("the-token")
            .doesNotContain("secret-cookie")
            .startsWith("{\"error\":");
      }
    }
  }

  @Test
  void noAnswerNamesTheServerItsVersionOrAServletClass() throws Exception {
    web.started();
    Map<String, RawHttp.Answer> answers =
        Map.of(
            "ok", RawHttp.send(web.port(), "GET", "/healthz"),
            "unauthorized", RawHttp.send(web.port(), "GET", "/metrics"),
            "not found",
                RawHttp.send(web.port(), "GET", "/no/such/page", TOKEN, "Accept: text/html"),
            "method not allowed",
                RawHttp.send(web.port(), "DELETE", "/healthz", "Accept: text/html"),
            "bad path", RawHttp.send(web.port(), "GET", "/wall/../metrics"),
            "unparseable", RawHttp.send(web.port(), "GET", "/healthz", "Bad Header Without Colon"));

    answers.forEach(
        (what, answer) -> {
          assertThat(answer.header("Server")).as(what).isNull();
          assertThat(answer.header("X-Powered-By")).as(what).isNull();
          assertThat(answer.body())
              .as(what)
              .doesNotContainIgnoringCase("jetty")
              .doesNotContain("Servlet")
              .doesNotContain("<html");
        });
    assertThat(answers.get("not found").status()).isEqualTo(404);
    assertThat(answers.get("not found").header("Content-Type")).startsWith("application/json");
    assertThat(answers.get("method not allowed").status()).isEqualTo(405);
    assertThat(answers.get("method not allowed").body()).startsWith("{\"error\":");
    assertThat(answers.get("unparseable").status()).isEqualTo(400);
  }

  @Test
  void untilStartedEverythingButHealthAnswers503WithRetryAfter() throws Exception {
    RawHttp.Answer intake =
        RawHttp.send(web.port(), "POST", "/api/channels/sandbox/posts", TOKEN, "Content-Length: 0");
    RawHttp.Answer notYetMounted =
        RawHttp.send(web.port(), "POST", "/api/channels/x/webhook", "Content-Length: 0");

    for (RawHttp.Answer answer : List.of(intake, notYetMounted)) {
      assertThat(answer.status()).isEqualTo(503);
      assertThat(answer.header("Retry-After")).isEqualTo(RequestGuard.RETRY_AFTER_SECONDS);
      assertThat(answer.header("Content-Type")).startsWith("application/json");
      assertThat(answer.body()).contains("starting");
    }
    assertThat(RawHttp.send(web.port(), "GET", "/healthz").status()).isEqualTo(200);

    web.started();

    assertThat(
            RawHttp.send(
                    web.port(), "POST", "/api/channels/sandbox/posts", TOKEN, "Content-Length: 0")
                .body())
        .isEqualTo(ADMIN_BODY);
  }

  private static HttpServlet answering(String body) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        response.getWriter().write(body);
      }

      @Override
      protected void doPost(HttpServletRequest request, HttpServletResponse response)
          throws IOException {
        response.getWriter().write(body);
      }
    };
  }
}
