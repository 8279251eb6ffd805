package org.socialdesk.channel.line;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Signed, expiring links to a customer's image, video, audio or file, served by {@link
 * LineContentServlet}: agents open them from the ticket without the admin token, and the channel
 * access token never leaves Socialdesk. A link names the message and its expiry, and carries an
 * HMAC of both under a key derived from the channel secret; changing the secret ends every link.
 */
final class LineContentLinks {

  static final String PATH = "/api/channels/line/content/";

  private final byte[] key;
  private final LineConfig config;
  private final Clock clock;

  LineContentLinks(LineConfig config, Clock clock) {
    this.key = LineSignature.derive(config.channelSecret(), "socialdesk line content link v1");
    this.config = config;
    this.clock = clock;
  }

  /** The link an agent opens, valid for {@code content-link-ttl} from now. */
  String link(String messageId) {
    long expires = clock.instant().plus(config.contentLinkTtl()).getEpochSecond();
    return config.publicLink(
        PATH + messageId + "?expires=" + expires + "&signature=" + signature(messageId, expires));
  }

  /** Why the link is refused, or null when it is good; constant-time on the signature. */
  String problem(String messageId, String expires, String signature) {
    long at;
    try {
      at = Long.parseLong(expires == null ? "" : expires);
    } catch (NumberFormatException e) {
      return "the link has no valid expiry";
    }
    byte[] expected = signature(messageId, at).getBytes(StandardCharsets.US_ASCII);
    byte[] given = (signature == null ? "" : signature).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      return "the link's signature does not match";
    }
    if (Instant.ofEpochSecond(at).isBefore(clock.instant())) {
      return "the link expired; open the ticket's newest link or ask the customer to send it again";
    }
    return null;
  }

  Duration ttl() {
    return config.contentLinkTtl();
  }

  private String signature(String messageId, long expires) {
    byte[] mac =
        LineSignature.hmac(key, (messageId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }
}
