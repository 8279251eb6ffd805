package org.socialdesk.api;

/** A configuration problem; the message names the key and, where known, the file and line. */
public class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
