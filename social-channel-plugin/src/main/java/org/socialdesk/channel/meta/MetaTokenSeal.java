package org.socialdesk.channel.meta;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.socialdesk.api.Secret;

/**
 * Seals the tokens kept in {@code meta_token} with AES-256-GCM, as the X channel seals its own, so
 * that a copy of the database (a backup, a dump) does not give the brand's Page away. The key is
 * derived (HKDF-SHA256) from the app secret, which never goes into the database; each value is
 * bound to its account (associated data), so values cannot be swapped between rows.
 */
final class MetaTokenSeal {

  static final String PREFIX = "sealed1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] INFO = "socialdesk meta_token v1".getBytes(StandardCharsets.UTF_8);

  private final SecretKeySpec key;
  private final SecureRandom random = new SecureRandom();

  MetaTokenSeal(Secret appSecret) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(INFO, "HmacSHA256"));
      byte[] prk = extract.doFinal(appSecret.reveal().getBytes(StandardCharsets.UTF_8));
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      expand.update(INFO);
      this.key = new SecretKeySpec(expand.doFinal(new byte[] {1}), "AES");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
    }
  }

  String seal(String accountId, Secret value) {
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(value.reveal().getBytes(StandardCharsets.UTF_8));
      return PREFIX
          + Base64.getEncoder()
              .encodeToString(
                  ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is part of every Java platform", e);
    }
  }

  /**
   * The sealed value of {@code accountId}'s row; empty when it does not open (altered, another
   * row's, another app secret).
   */
  java.util.Optional<Secret> open(String accountId, String stored) {
    if (stored == null || !stored.startsWith(PREFIX)) {
      return java.util.Optional.empty();
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(accountId.getBytes(StandardCharsets.UTF_8));
      return java.util.Optional.of(
          Secret.of(
              new String(
                  cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES),
                  StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }
}
