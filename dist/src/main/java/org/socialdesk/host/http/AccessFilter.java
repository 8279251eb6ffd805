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
 */
final class AccessFilter extends HttpFilter {

  private final AdminToken adminToken;
  private final List<ServletPathSpec> publicPaths;

  /** @param publicPaths the public paths; read live, since plugins mount while the server runs */
  AccessFilter(AdminToken adminToken, List<ServletPathSpec> publicPaths) {
    this.adminToken = adminToken;
    this.publicPaths = publicPaths;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (isPublic(path) || adminToken.authorizes(request)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("WWW-Authenticate", "Bearer realm=\"socialdesk\"");
    JsonResponses.error(response, HttpServletResponse.SC_UNAUTHORIZED, "this endpoint needs the admin token (Authorization: Bearer ...)");
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
