package org.socialdesk.channel.line;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;

/**
 * The {@code x-line-signature} of a webhook delivery: the Base64 of HMAC-SHA256 of the raw body
 * bytes keyed with the channel secret (LINE's "Verify webhook signature"; {@code @line/bot-sdk}'s
 * {@code validateSignature}). Compared in constant time, over the bytes as received: re-serialised
 * JSON would not verify.
 */
final class LineSignature {

  static final String HEADER = "x-line-signature";

  private final byte[] key;

  LineSignature(Secret channelSecret) {
    this.key = channelSecret.reveal().getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code header} is the signature of exactly these bytes. */
  boolean verifies(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.US_ASCII));
  }

  String sign(byte[] body) {
    return Base64.getEncoder().encodeToString(hmac(key, body));
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
    }
  }

  /**
   * A key of its own for {@code purpose}, derived from the channel secret (HKDF-SHA256, one block),
   * so that content links and sealed tokens never share the key that signs deliveries.
   */
  static byte[] derive(Secret channelSecret, String purpose) {
    byte[] prk =
        hmac(
            "socialdesk line".getBytes(StandardCharsets.UTF_8),
            channelSecret.reveal().getBytes(StandardCharsets.UTF_8));
    byte[] info = purpose.getBytes(StandardCharsets.UTF_8);
    byte[] block = new byte[info.length + 1];
    System.arraycopy(info, 0, block, 0, info.length);
    block[info.length] = 1;
    return hmac(prk, block);
  }
}
