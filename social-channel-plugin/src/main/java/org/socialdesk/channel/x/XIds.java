package org.socialdesk.channel.x;

import java.time.Instant;
import java.util.Comparator;
import org.socialdesk.api.social.UntrustedText;

/**
 * X's ids (posts, DM events, users) are decimal strings of up to 19 digits that grow with time
 * (snowflakes). They are compared as numbers: {@code "999" < "1000"}.
 */
final class XIds {

  /** Oldest first; an id that is not a decimal number sorts by its text after the numbers. */
  static final Comparator<String> OLDEST_FIRST = XIds::compare;

  private static final long SNOWFLAKE_EPOCH_MILLIS = 1_288_834_974_657L;

  private XIds() {}

  static int compare(String a, String b) {
    boolean aNumeric = isNumeric(a);
    boolean bNumeric = isNumeric(b);
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    if (aNumeric) {
      String x = stripZeros(a);
      String y = stripZeros(b);
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
    return a.compareTo(b);
  }

  /** Whether {@code id} is newer than {@code cursor}; everything is newer than no cursor. */
  static boolean isNewer(String id, String cursor) {
    return cursor == null || compare(id, cursor) > 0;
  }

  /** The newer of two ids, either may be null. */
  static String newer(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null || compare(a, b) >= 0 ? a : b;
  }

  /**
   * When X created the thing with this id: its snowflake holds milliseconds since X's epoch
   * (2010-11-04T01:42:54.657Z) in the bits above the lowest 22. Null for a non-numeric id.
   */
  static Instant timeOf(String id) {
    if (!isNumeric(id)) {
      return null;
    }
    try {
      return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + SNOWFLAKE_EPOCH_MILLIS);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * The id of the one-to-one DM conversation between two users, as X v2 names it: the two user ids,
   * smaller first, joined by a dash ({@code 123-456}).
   */
  static String oneToOneConversation(String userA, String userB) {
    return compare(userA, userB) <= 0 ? userA + "-" + userB : userB + "-" + userA;
  }

  /**
   * The id, when the host can keep it (see {@link UntrustedText#idProblem}).
   *
   * @throws IllegalArgumentException naming the field and the problem otherwise
   */
  static String requireSafe(String field, String id) {
    UntrustedText.idProblem(id)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(field + ": " + problem);
            });
    return id;
  }

  static boolean isNumeric(String id) {
    if (id == null || id.isEmpty() || id.length() > 19) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String stripZeros(String digits) {
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    return digits.substring(start);
  }
}
