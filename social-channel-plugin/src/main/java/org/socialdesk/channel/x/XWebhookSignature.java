package org.socialdesk.channel.x;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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

  private final Secret consumerSecret;

  XWebhookSignature(Secret consumerSecret) {
    this.consumerSecret = consumerSecret;
  }

  /** The {@code response_token} for a CRC's {@code crc_token}. */
  String crcResponse(String crcToken) {
    return sign(crcToken.getBytes(StandardCharsets.UTF_8));
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
      mac.init(new SecretKeySpec(consumerSecret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + Base64.getEncoder().encodeToString(mac.doFinal(bytes));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
