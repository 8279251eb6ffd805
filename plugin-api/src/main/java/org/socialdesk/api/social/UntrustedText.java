package org.socialdesk.api.social;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Text that came from outside (a network, a customer, a peer's error message), made safe for the
 * places it goes: the database (PostgreSQL text cannot hold NUL), the helpdesk, paths and logs. The
 * host applies {@link #clean} and {@link #idProblem} to every event a channel hands it; channels
 * and the host log outside text only through {@link #forLog}.
 *
 * @since API 1.2
 */
public final class UntrustedText {

  /** The characters a post or conversation id may hold, and its length (the inbox's column). */
  public static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,200}");

  /** At most this many characters of one value reach a log line. */
  public static final int LOG_LIMIT = 300;

  private static final char REPLACEMENT = '\uFFFD';

  private UntrustedText() {}

  /**
   * The text with every control character that has no place in a post replaced by U+FFFD: NUL and
   * the other C0 controls except tab, line feed and carriage return, and DEL. Nothing else changes,
   * so clean text is returned as it is.
   */
  public static String clean(String text) {
    if (text == null || text.chars().noneMatch(UntrustedText::isUnwantedControl)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    text.chars().forEach(c -> out.append(isUnwantedControl(c) ? REPLACEMENT : (char) c));
    return out.toString();
  }

  /**
   * Whether the text shows nothing: empty, or only white space, invisible formatting characters
   * (zero-width spaces and joiners, the byte order mark, no-break spaces, Hangul fillers) and
   * control characters. {@link String#isBlank()} misses most of these.
   */
  public static boolean isBlank(String text) {
    return text == null || text.codePoints().allMatch(UntrustedText::showsNothing);
  }

  /**
   * Why {@code id} cannot be a post or conversation id, or empty when it can: it must be 1 to 200
   * of {@code A-Z a-z 0-9 . _ : @ -} and not {@code .} or {@code ..}, so it is safe in URL paths,
   * helpdesk queries and the inbox's columns, and such a post can still be edited and deleted.
   */
  public static Optional<String> idProblem(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.of("the id is empty");
    }
    if (id.length() > 200) {
      return Optional.of("the id is longer than 200 characters");
    }
    if (!SAFE_ID.matcher(id).matches()) {
      return Optional.of(
          "the id '"
              + forLog(id)
              + "' holds characters other than letters, digits, '.', '_', ':', '@' and '-'");
    }
    if (id.equals(".") || id.equals("..")) {
      return Optional.of("the id '" + id + "' is a path segment of its own ('.' or '..')");
    }
    return Optional.empty();
  }

  /**
   * The value as one harmless log line: line breaks, tabs, ANSI escapes and every other control
   * character written as an escape ({@code \n}, <code>&#92;u001b</code>), backslashes doubled, and
   * cut to {@link #LOG_LIMIT} characters with a note of the length. Null is {@code null}.
   */
  public static String forLog(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value.toString();
    boolean cut = text.length() > LOG_LIMIT;
    String shown = cut ? text.substring(0, LOG_LIMIT) : text;
    StringBuilder out = new StringBuilder(shown.length() + 16);
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (cut) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  private static boolean isUnwantedControl(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }

  private static boolean showsNothing(int c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)
        || Character.getType(c) == Character.FORMAT
        || c == 0x115F
        || c == 0x1160
        || c == 0x3164
        || c == 0xFFA0;
  }
}
