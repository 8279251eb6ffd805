package org.socialdesk.channel.bluesky;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/**
 * The record key of a reply part: a TID (the lexicon's {@code tid} record key: 13 characters of
 * base32-sortable, a 64-bit number whose top bit is 0, then 53 bits of microseconds and 10 bits of
 * clock id) derived from the part's idempotency key alone. The same part always gets the same key,
 * so a retry after a crash sends the same {@code createRecord}, which the repository refuses rather
 * than posting twice. The timestamp bits are the key's hash placed within 2024 (a time in the past,
 * never the future); nothing reads a post's time from its key (clients show {@code createdAt}).
 */
final class BlueskyTid {

  static final Pattern SYNTAX =
      Pattern.compile("[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}");

  private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";
  private static final long BASE_MICROS =
      ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("2024-01-01T00:00:00Z"));

  /** 2^44 µs is about 203 days, so every key falls within 2024. */
  private static final long SPAN_MICROS = 1L << 44;

  private BlueskyTid() {}

  /** The TID of {@code idempotencyKey}. */
  static String forKey(String idempotencyKey) {
    ByteBuffer hash = ByteBuffer.wrap(sha256(idempotencyKey));
    long micros = BASE_MICROS + Math.floorMod(hash.getLong(), SPAN_MICROS);
    long clockId = Math.floorMod(hash.getLong(), 1024L);
    return encode((micros << 10) | clockId);
  }

  /** A TID of the given microseconds and clock id, base32-sortable, 13 characters. */
  static String encode(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a TID's top bit is 0");
    }
    char[] out = new char[13];
    long rest = value;
    for (int i = 12; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (rest & 31));
      rest >>>= 5;
    }
    return new String(out);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }
}
