package org.socialdesk.api.social;

/** Who can read a post, and so how an answer to it must be sent. */
public enum Visibility {
  /** Anyone: a mention, a comment, a reply in a public thread. Answered in public. */
  PUBLIC,
  /** Only the brand: a direct message or a direct-visibility mention. Answered in private. */
  PRIVATE
}
