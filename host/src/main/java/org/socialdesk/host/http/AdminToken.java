package org.socialdesk.host.http;

import jakarta.servlet.http.HttpServletRequest;
import org.socialdesk.api.Secret;

/**
 * Checks a request's {@code Authorization: Bearer ...} against the admin token in constant time.
 */
public final class AdminToken {

  private static final String BEARER = "Bearer ";

  private final Secret token;

  public AdminToken(Secret token) {
    if (token.isEmpty()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.token = token;
  }

  public boolean authorizes(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    return token.matches(header.substring(BEARER.length()).trim());
  }
}
