package org.socialdesk.host.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalPathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "/healthz",
        "/wall/",
        "/api/admin/published",
        "/sla/app.js",
        "/api/%61dmin",
        "/api/channels/sandbox/posts",
        "/caf%C3%A9",
        "/a-b_c~d.e"
      })
  void canonicalPathsPass(String path) {
    assertThat(CanonicalPath.problem(path)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "metrics",
        "*",
        "/wall/../metrics",
        "/wall/..",
        "/wall/.",
        "/./metrics",
        "//metrics",
        "/wall//x",
        "/metrics;jsessionid=x",
        "/wall;x/../metrics",
        "/wall/%2e%2e/metrics",
        "/wall/%2E./metrics",
        "/wall/..%2fmetrics",
        "/wall%2F..",
        "/wall/..%5cmetrics",
        "/wall\\..\\metrics",
        "/x%00",
        "/x%0a",
        "/x%25",
        "/x%3b",
        "/x%",
        "/x%2",
        "/x%zz",
        "/%c0%ae%c0%ae/metrics",
        "/x%7F"
      })
  void ambiguousPathsAreRefused(String path) {
    assertThat(CanonicalPath.problem(path)).isPresent();
  }
}
