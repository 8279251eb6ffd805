package org.socialdesk.sentiment;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Lines of a stream, each decoded as UTF-8 on its own and strictly: a line that is not valid UTF-8
 * is reported as such (and the next one read), where a Reader would silently turn its bytes into
 * replacement characters and classify garbage.
 */
final class Utf8Lines {

  /** One line: its 1-based number and its text, or null text when it is not valid UTF-8. */
  record Line(int number, String text) {
    boolean valid() {
      return text != null;
    }
  }

  private final InputStream in;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private int number;

  Utf8Lines(InputStream in) {
    this.in = new BufferedInputStream(in);
  }

  /** The next line without its line break, or null at the end of the stream. */
  Line next() throws IOException {
    bytes.reset();
    int b = in.read();
    if (b == -1) {
      return null;
    }
    while (b != -1 && b != '\n') {
      bytes.write(b);
      b = in.read();
    }
    number++;
    byte[] line = bytes.toByteArray();
    int length = line.length > 0 && line[line.length - 1] == '\r' ? line.length - 1 : line.length;
    try {
      return new Line(
          number,
          StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(line, 0, length)).toString());
    } catch (CharacterCodingException e) {
      return new Line(number, null);
    }
  }
}
