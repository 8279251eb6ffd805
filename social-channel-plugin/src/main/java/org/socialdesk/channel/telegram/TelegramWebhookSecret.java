package org.socialdesk.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.socialdesk.api.Secret;

/**
 * Checks the {@code X-Telegram-Bot-Api-Secret-Token} header against the configured {@code
 * secret_token}. Both are hashed before the comparison, which then takes the same time whatever the
 * guess, its length included.
 */
final class TelegramWebhookSecret {

  static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final byte[] expected;

  TelegramWebhookSecret(Secret secret) {
    this.expected = digest(secret.reveal());
  }

  boolean matches(String header) {
    return header != null && MessageDigest.isEqual(expected, digest(header));
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
