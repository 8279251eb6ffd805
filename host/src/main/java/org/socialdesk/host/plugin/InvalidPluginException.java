package org.socialdesk.host.plugin;

/** A jar that cannot be used as a plugin; the message says why and what to do. */
public final class InvalidPluginException extends RuntimeException {

  public InvalidPluginException(String message) {
    super(message);
  }
}
