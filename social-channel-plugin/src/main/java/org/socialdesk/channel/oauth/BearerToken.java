package org.socialdesk.channel.oauth;

import org.socialdesk.api.Secret;

/**
 * A Bearer token for a network's API calls: a fixed one (from the configuration) or the brand's
 * user access token that the channel renews itself ({@link RefreshingToken}).
 */
public sealed interface BearerToken permits BearerToken.Fixed, RefreshingToken {

  /** The token to send now. */
  Secret current() throws TokenUnavailable;

  /**
   * The network answered 401 to a request sent with {@code rejected}. Returns true when another
   * token is now current, so the request is worth sending once more; false when nothing can be done
   * before an operator renews the credentials.
   */
  boolean renewAfterRejection(Secret rejected) throws TokenUnavailable;

  /** A token the channel cannot renew. */
  record Fixed(Secret token) implements BearerToken {

    @Override
    public Secret current() throws TokenUnavailable {
      if (token == null) {
        throw new TokenUnavailable("no token is configured for this call");
      }
      return token;
    }

    @Override
    public boolean renewAfterRejection(Secret rejected) {
      return false;
    }
  }
}
