package org.socialdesk.channel.sandbox;

/**
 * A caller's mistake in a sandbox request (a post, an edit, the fault switch, a query), naming the
 * field at fault as a dotted path ({@code author.handle}), or none when the whole body is.
 */
final class SandboxInvalidRequest extends Exception {

  private final String field;

  /**
   * @param field the dotted path of the field at fault, or {@code null} for the whole body
   * @param message a sentence for the caller that names the field itself
   */
  SandboxInvalidRequest(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The dotted path of the field at fault, or {@code null} when the whole body is. */
  String field() {
    return field;
  }
}
