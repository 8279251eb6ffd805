package org.socialdesk.host.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;

/**
 * Denies by default: a request reaches its servlet only if its path was declared public or it
 * carries the admin token. A new endpoint is therefore protected unless someone decides otherwise.
 * The decision is taken on the path the container dispatches to (servlet path and path info,
 * decoded and normalized), never on the URI as sent, so no spelling of a path reaches an admin
 * servlet through a public one.
 */
final class AccessFilter extends HttpFilter {

  private final AdminToken adminToken;
  private final List<ServletPathSpec> publicPaths;
  private final RefusalLog refusals;

  /**
   * @param publicPaths the public paths; read live, since plugins mount while the server runs
   */
  AccessFilter(AdminToken adminToken, List<ServletPathSpec> publicPaths, RefusalLog refusals) {
    this.adminToken = adminToken;
    this.publicPaths = publicPaths;
    this.refusals = refusals;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (isPublic(servedPath(request)) || adminToken.authorizes(request)) {
      chain.doFilter(request, response);
      return;
    }
    refusals.refused(
        request.getHeader("Authorization") == null ? "no admin token" : "wrong admin token",
        HttpServletResponse.SC_UNAUTHORIZED,
        request.getMethod(),
        request.getRequestURI());
    response.setHeader("WWW-Authenticate", "Bearer realm=\"socialdesk\"");
    JsonResponses.error(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "this endpoint needs the admin token (Authorization: Bearer ...)");
  }

  /** The path the servlet mapping was chosen on. */
  static String servedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    return (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
  }

  private boolean isPublic(String path) {
    for (ServletPathSpec spec : publicPaths) {
      if (spec.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
