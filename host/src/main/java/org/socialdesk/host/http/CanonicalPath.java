package org.socialdesk.host.http;

import java.util.HexFormat;
import java.util.Optional;

/**
 * Whether a request's raw path (as sent, still percent-encoded) is already in the one form the
 * server serves it under. A path that the container would normalize into another one (dot segments,
 * doubled slashes, path parameters, encoded dots, slashes, backslashes or percent signs) is refused
 * outright: the access decision and the servlet must never see two different paths, and no client
 * of Socialdesk needs such a path.
 */
final class CanonicalPath {

  private CanonicalPath() {}

  /** Empty when {@code rawPath} is canonical; otherwise why not, in words a client can act on. */
  static Optional<String> problem(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.of("the path must start with /");
    }
    if (rawPath.indexOf(';') >= 0) {
      return Optional.of("path parameters (;) are not accepted");
    }
    if (rawPath.indexOf('\\') >= 0) {
      return Optional.of("backslashes are not accepted in a path");
    }
    Optional<String> encoding = encodingProblem(rawPath);
    if (encoding.isPresent()) {
      return encoding;
    }
    String[] segments = rawPath.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("dot segments (. and ..) are not accepted in a path");
      }
      // One trailing slash is fine (/wall/); an empty segment anywhere else is a doubled slash.
      if (segment.isEmpty() && i < segments.length - 1) {
        return Optional.of("empty path segments (//) are not accepted");
      }
    }
    return Optional.empty();
  }

  /**
   * Percent-encoding may spell ordinary characters, never one that changes how a path splits or
   * normalizes, nor a control character, nor a byte no UTF-8 text holds (overlong forms).
   */
  private static Optional<String> encodingProblem(String rawPath) {
    for (int i = rawPath.indexOf('%'); i >= 0; i = rawPath.indexOf('%', i + 1)) {
      if (i + 2 >= rawPath.length()
          || !isHex(rawPath.charAt(i + 1))
          || !isHex(rawPath.charAt(i + 2))) {
        return Optional.of("malformed percent-encoding in the path");
      }
      int decoded = HexFormat.fromHexDigits(rawPath, i + 1, i + 3);
      if (decoded == '.' || decoded == '/' || decoded == '\\' || decoded == '%' || decoded == ';') {
        return Optional.of(
            "encoded dots, slashes, backslashes, semicolons or percent signs are not accepted in a path");
      }
      if (decoded < 0x20
          || decoded == 0x7f
          || decoded == 0xc0
          || decoded == 0xc1
          || decoded >= 0xf5) {
        return Optional.of(
            "encoded control characters or invalid UTF-8 are not accepted in a path");
      }
    }
    return Optional.empty();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
