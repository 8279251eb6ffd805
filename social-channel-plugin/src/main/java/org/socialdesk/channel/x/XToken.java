package org.socialdesk.channel.x;

import org.socialdesk.api.Secret;

/**
 * A Bearer token for X API calls: a fixed one (the app's bearer token, or a user access token
 * from the configuration) or the brand's user access token that the channel renews itself
 * ({@link XRefreshingToken}).
 */
sealed interface XToken permits XToken.Fixed, XRefreshingToken {

  /** The token to send now. */
  Secret current() throws XTokenUnavailable;

  /**
   * X answered 401 to a request sent with {@code rejected}. Returns true when another token is
   * now current, so the request is worth sending once more; false when nothing can be done
   * before an operator renews the credentials.
   */
  boolean renewAfterRejection(Secret rejected) throws XTokenUnavailable;

  /** A token the channel cannot renew. */
  record Fixed(Secret token) implements XToken {

    @Override
    public Secret current() throws XTokenUnavailable {
      if (token == null) {
        throw new XTokenUnavailable("x: no token is configured for this call");
      }
      return token;
    }

    @Override
    public boolean renewAfterRejection(Secret rejected) {
      return false;
    }
  }
}
