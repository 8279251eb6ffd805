package org.socialdesk.channel.x;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;

/**
 * X's webhook HMACs, keyed with the app's consumer secret: the answer to a CRC challenge, and the
 * {@code x-twitter-webhooks-signature} header of each delivery; both {@code sha256=} followed by
 * the Base64 of HMAC-SHA256.
 */
final class XWebhookSignature {

  static final String HEADER = "x-twitter-webhooks-signature";
  private static final String PREFIX = "sha256=";

  /**
   * The CRC tokens answered: what X sends (a short random token, Base64 or URL-safe Base64; see X's
   * Account Activity docs), conservatively 1 to 128 characters of {@code A-Za-z0-9+/=_-}. The CRC
   * answer is an HMAC with the key that signs deliveries, so answering any token would sign any
   * body (a signing oracle). A delivery is a JSON object and starts with '{', a character no token
   * may hold, so no CRC answer is ever the signature of a body the webhook reads; the webhook
   * refuses a body not starting with '{' before it checks the signature.
   */
  private static final Pattern CRC_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{1,128}");

  private final Secret consumerSecret;

  XWebhookSignature(Secret consumerSecret) {
    this.consumerSecret = consumerSecret;
  }

  /** Whether {@code token} is a CRC token X could send, and so one the webhook may answer. */
  static boolean isCrcToken(String token) {
    return token != null && CRC_TOKEN.matcher(token).matches();
  }

  /**
   * The {@code response_token} for a CRC's {@code crc_token}.
   *
   * @throws IllegalArgumentException if the token is not {@linkplain #isCrcToken one X could send}
   */
  String crcResponse(String crcToken) {
    if (!isCrcToken(crcToken)) {
      throw new IllegalArgumentException(
          "not a CRC token; only 1 to 128 characters of A-Za-z0-9+/=_- are answered");
    }
    return sign(crcToken.getBytes(StandardCharsets.US_ASCII));
  }

  /** Whether {@code header} is the signature of exactly these body bytes; constant time. */
  boolean verifies(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code sha256=<base64 HMAC-SHA256(consumer secret, bytes)>}. */
  String sign(byte[] bytes) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(
          new SecretKeySpec(
              consumerSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
