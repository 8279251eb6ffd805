package org.socialdesk.api;

/** How the host runs while a plugin is started. */
public enum RunMode {
  /** {@code socialdesk run}: serve HTTP, poll networks, run schedules. */
  SERVER,
  /** A command-line command ({@code socialdesk sentiment classify} ...): no background work. */
  COMMAND
}
