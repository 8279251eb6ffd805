package org.socialdesk.api;

import jakarta.servlet.http.HttpServlet;

/** Mounts a plugin's servlets on the host's HTTP server. */
public interface WebRegistry {

  /**
   * Mounts {@code servlet} at {@code pathSpec} (a servlet path spec such as {@code
   * /api/channels/sandbox/*}). The host refuses a path already taken or reserved by the host.
   */
  void mount(String pathSpec, HttpServlet servlet, Access access);

  /** Who may call a mounted servlet. */
  enum Access {
    /** Anyone: webhooks verify their own signatures, pages their own sessions. */
    PUBLIC,
    /** Only callers with the admin API token ({@code Authorization: Bearer ...}). */
    ADMIN
  }
}
