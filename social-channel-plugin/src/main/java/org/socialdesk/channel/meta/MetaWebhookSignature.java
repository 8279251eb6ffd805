package org.socialdesk.channel.meta;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;

/**
 * Meta's webhook checks: the {@code X-Hub-Signature-256} of each delivery ({@code sha256=} and the
 * lowercase hex of HMAC-SHA256 over the raw body, keyed with the app secret) and the verification
 * GET's {@code hub.verify_token}, both compared in constant time.
 */
final class MetaWebhookSignature {

  static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  /**
   * The challenges echoed: Meta sends an integer (Webhooks docs, "Verification Requests"). Only
   * digits are ever written back, so the endpoint cannot be made to reflect markup or script into a
   * page, nor to echo a body that another check would trust (the answer is not signed, but echoing
   * only what Meta sends keeps it that way whatever is added later).
   */
  private static final Pattern CHALLENGE = Pattern.compile("[0-9]{1,64}");

  private final Secret appSecret;
  private final Secret verifyToken;

  MetaWebhookSignature(Secret appSecret, Secret verifyToken) {
    this.appSecret = appSecret;
    this.verifyToken = verifyToken;
  }

  static boolean isChallenge(String challenge) {
    return challenge != null && CHALLENGE.matcher(challenge).matches();
  }

  /** Whether {@code token} is the configured verify token; constant time. */
  boolean verifyTokenMatches(String token) {
    return verifyToken != null && token != null && verifyToken.matches(token);
  }

  /** Whether {@code header} is the signature of exactly these bytes; constant time. */
  boolean verifies(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(
        expected,
        header.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code sha256=<hex HMAC-SHA256(app secret, bytes)>}. */
  String sign(byte[] bytes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(appSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
    }
  }
}
