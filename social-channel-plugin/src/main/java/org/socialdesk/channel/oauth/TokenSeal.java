package org.socialdesk.channel.oauth;

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
 * Seals the tokens kept in a network's token table ({@link TokenOwner#table()}) with AES-256-GCM,
 * so that a copy of the database (a backup, a dump) does not give the brand's account away. The key
 * is derived (HKDF-SHA256) from the refresh token in the configuration, which never goes into the
 * database (only its SHA-256 fingerprint does): whoever reads the tokens needs the configuration
 * too. A new seed in the configuration replaces the stored row anyway, so nothing sealed under an
 * old key is ever opened again. Each value is bound to its account and column (associated data), so
 * values cannot be swapped between rows or columns. Values stored in clear by earlier versions are
 * read as they are and sealed at the next write.
 */
public final class TokenSeal {

  public static final String PREFIX = "sealed1:";
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final TokenOwner owner;
  private final SecretKeySpec key;
  private final String brandUserId;
  private final SecureRandom random = new SecureRandom();

  private TokenSeal(TokenOwner owner, SecretKeySpec key, String brandUserId) {
    this.owner = owner;
    this.key = key;
    this.brandUserId = brandUserId;
  }

  /** The seal of the account's row, keyed by the configured refresh token. */
  public static TokenSeal forSeed(TokenOwner owner, String brandUserId, Secret seedRefreshToken) {
    try {
      Mac extract = Mac.getInstance("HmacSHA256");
      extract.init(new SecretKeySpec(brandUserId.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] prk = extract.doFinal(seedRefreshToken.reveal().getBytes(StandardCharsets.UTF_8));
      Mac expand = Mac.getInstance("HmacSHA256");
      expand.init(new SecretKeySpec(prk, "HmacSHA256"));
      // "socialdesk <table> v1": the info of X's seal since it was written, so X's rows still open.
      expand.update(("socialdesk " + owner.table() + " v1").getBytes(StandardCharsets.UTF_8));
      byte[] okm = expand.doFinal(new byte[] {1});
      return new TokenSeal(owner, new SecretKeySpec(okm, "AES"), brandUserId);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is part of every Java platform", e);
    }
  }

  /** {@code value} sealed for {@code column}; null stays null. */
  public String seal(String column, Secret value) {
    if (value == null) {
      return null;
    }
    try {
      byte[] iv = new byte[IV_BYTES];
      random.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(associatedData(column));
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
   * The value stored in {@code column}: opened when sealed, as it is when stored in clear by an
   * earlier version; null stays null.
   *
   * @throws TokenUnavailable when a sealed value does not open (altered, or not this row's)
   */
  public Secret open(String column, String stored) throws TokenUnavailable {
    if (stored == null) {
      return null;
    }
    if (!stored.startsWith(PREFIX)) {
      return Secret.of(stored);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
      cipher.updateAAD(associatedData(column));
      return Secret.of(
          new String(
              cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new TokenUnavailable(
          owner.network()
              + ": "
              + owner.table()
              + "."
              + column
              + " of account "
              + brandUserId
              + " does not open with the key of the configured refresh token (altered, or copied from another row);"
              + " authorize the app again and set "
              + owner.refreshTokenKey(),
          e);
    }
  }

  private byte[] associatedData(String column) {
    return (brandUserId + "/" + column).getBytes(StandardCharsets.UTF_8);
  }
}
