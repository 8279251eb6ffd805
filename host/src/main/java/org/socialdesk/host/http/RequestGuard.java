package org.socialdesk.host.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every request passes before any servlet or filter sees it: methods that only serve to echo
 * or tunnel (TRACE, TRACK, CONNECT) are refused; a path not in canonical form ({@link
 * CanonicalPath}) is refused; and until Socialdesk has started (plugins still mounting their
 * endpoints), everything but liveness and readiness answers 503 with Retry-After instead of a 404
 * or 405 for an endpoint that is about to exist.
 */
final class RequestGuard extends Handler.Wrapper {

  static final Set<String> HEALTH_PATHS = Set.of("/healthz", "/readyz");
  static final String RETRY_AFTER_SECONDS = "1";
  private static final Set<String> REFUSED_METHODS = Set.of("TRACE", "TRACK", "CONNECT");
  private static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  private final RefusalLog refusals;
  private volatile boolean starting = true;

  RequestGuard(RefusalLog refusals) {
    this.refusals = refusals;
  }

  /** From now on requests go through: every endpoint that will be mounted at start is. */
  void started() {
    starting = false;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    String path = request.getHttpURI().getPath();
    if (REFUSED_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
      refusals.refused("method not allowed", 405, method, path);
      response.getHeaders().put(HttpHeader.ALLOW, ALLOWED_METHODS);
      return answer(response, callback, 405, method + " is not allowed");
    }
    Optional<String> problem = CanonicalPath.problem(path);
    if (problem.isPresent()) {
      refusals.refused("path not in canonical form", 400, method, path);
      return answer(response, callback, 400, problem.get());
    }
    if (starting && !HEALTH_PATHS.contains(path)) {
      response.getHeaders().put(HttpHeader.RETRY_AFTER, RETRY_AFTER_SECONDS);
      return answer(response, callback, 503, "Socialdesk is starting; retry in a moment");
    }
    return super.handle(request, response, callback);
  }

  private static boolean answer(Response response, Callback callback, int status, String error)
      throws JsonProcessingException {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
    response.write(
        true,
        ByteBuffer.wrap(JsonResponses.MAPPER.writeValueAsBytes(Map.of("error", error))),
        callback);
    return true;
  }
}
