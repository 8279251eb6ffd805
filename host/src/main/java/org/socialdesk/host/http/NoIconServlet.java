package org.socialdesk.host.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /favicon.ico}: 204, no icon. Browsers ask for it on every page; behind the admin token it
 * answered 401, which each page then logged as an error. It is public because it serves nothing: an
 * exact path (never a prefix), no body, no data, the same answer for everyone. Pages that want an
 * icon name their own (the SLA pages do).
 */
final class NoIconServlet extends HttpServlet {

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    response.setHeader("Cache-Control", "public, max-age=86400");
  }
}
