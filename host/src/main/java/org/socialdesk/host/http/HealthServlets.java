package org.socialdesk.host.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /healthz}, {@code /readyz} and {@code /metrics}. */
final class HealthServlets {

  private HealthServlets() {}

  /** Liveness: the process serves HTTP. Nothing else is checked, so a slow peer never kills it. */
  static final class Liveness extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      JsonResponses.write(response, 200, Map.of("status", "ok"));
    }
  }

  /** Readiness: the database and every configured peer answer. 503 with the failing ones if not. */
  static final class Readiness extends HttpServlet {
    private final List<ReadinessCheck> checks;

    /**
     * @param checks read on every request: the list grows while Socialdesk starts
     */
    Readiness(List<ReadinessCheck> checks) {
      this.checks = checks;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      Map<String, String> results = new LinkedHashMap<>();
      boolean ready = true;
      for (ReadinessCheck check : checks) {
        Optional<String> problem = check.problem();
        results.put(check.name(), problem.orElse("ok"));
        ready &= problem.isEmpty();
      }
      JsonResponses.write(
          response,
          ready ? 200 : 503,
          Map.of("status", ready ? "ready" : "not ready", "checks", results));
    }
  }

  /** Prometheus text format. */
  static final class Metrics extends HttpServlet {
    private final Supplier<String> scrape;

    Metrics(Supplier<String> scrape) {
      this.scrape = scrape;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.setContentType("text/plain; version=0.0.4; charset=utf-8");
      response.getWriter().write(scrape.get());
    }
  }
}
