package org.socialdesk.channel.x;

/**
 * No usable user access token: renewing it failed (X refused the refresh token, the token
 * endpoint cannot be reached, the stored token cannot be read). Nothing was sent to X's API.
 */
final class XTokenUnavailable extends Exception {

  XTokenUnavailable(String message) {
    super(message);
  }

  XTokenUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
