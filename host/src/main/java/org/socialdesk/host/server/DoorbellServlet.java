package org.socialdesk.host.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.socialdesk.host.http.JsonResponses;

/**
 * {@code POST /api/helpdesk/doorbell}: the helpdesk's optional scrip rings it after an agent's
 * transaction, and the poller reads at once instead of at its next tick. It carries no data and
 * triggers only a read, so it is public; the body (ticket and transaction ids) is ignored.
 */
final class DoorbellServlet extends HttpServlet {

  private final Runnable ring;

  DoorbellServlet(Runnable ring) {
    this.ring = ring;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ring.run();
    JsonResponses.write(response, 202, java.util.Map.of("status", "polling"));
  }
}
