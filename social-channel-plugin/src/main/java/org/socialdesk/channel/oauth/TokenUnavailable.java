package org.socialdesk.channel.oauth;

/**
 * No usable access token: renewing it failed (the network refused the refresh token, the token
 * endpoint cannot be reached, the stored token cannot be read), or none is configured. Nothing was
 * sent to the network's API.
 */
public final class TokenUnavailable extends Exception {

  private static final long serialVersionUID = 1L;

  public TokenUnavailable(String message) {
    super(message);
  }

  public TokenUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
