package org.socialdesk.channel.reply;

/** A half-open range {@code [start, end)} of UTF-16 indices in a text. */
record TextSpan(int start, int end) {

  TextSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  boolean overlaps(TextSpan other) {
    return start < other.end && other.start < end;
  }
}
