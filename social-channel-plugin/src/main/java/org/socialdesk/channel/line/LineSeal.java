package org.socialdesk.channel.line;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;

/**
 * Seals the reply tokens kept in {@code line_message} with AES-256-GCM, as X's tokens are sealed: a
 * reply token lets its holder send a free message into the customer's chat, so a copy of the
 * database (a backup, a dump) must not carry usable ones. The key is derived from the channel
 * secret, which lives only in the configuration; each value is bound to its message id (associated
 * data), so tokens cannot be swapped between rows. The channel access token itself is never stored.
 */
final class LineSeal {

  static final String PREFIX = "sealed1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  LineSeal(Secret channelSecret) {
    this.key =
        new SecretKeySpec(
            LineSignature.derive(channelSecret, "socialdesk line_message.reply_token v1"), "AES");
  }

  /** {@code value} sealed for message {@code messageId}; null stays null. */
  String seal(String messageId, String value) {
    if (value == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java platform", e);
    }
  }

  /**
   * The value sealed for {@code messageId}, or empty when there is none or it does not open (sealed
   * under another channel secret, or altered): such a token is treated as spent, and the reply is
   * pushed instead.
   */
  Optional<String> open(String messageId, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return Optional.empty();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(messageId.getBytes(StandardCharsets.UTF_8));
      return Optional.of(
          new String(
              cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
