package org.socialdesk.host.replies;

/**
 * What the ticket's ReplyStatus field says about its latest reply, as agents read it (the values
 * are the field's, see {@code RtFieldSpec}).
 */
enum ReplyStatus {
  PENDING("pending"),
  PUBLISHED("published"),
  HELD("held"),
  AWAITING_APPROVAL("awaiting-approval"),
  FAILED("failed"),
  UNKNOWN("unknown");

  /** The field's value. */
  final String value;

  ReplyStatus(String value) {
    this.value = value;
  }
}
