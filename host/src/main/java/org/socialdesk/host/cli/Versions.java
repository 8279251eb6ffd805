package org.socialdesk.host.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** This build's versions, filtered into a resource by Maven. */
record Versions(String socialdesk, String api) {

  static Versions ofThisBuild() {
    try (InputStream in =
        Versions.class.getResourceAsStream("/org/socialdesk/host/version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return new Versions(
          properties.getProperty("socialdesk.version", "unknown"),
          properties.getProperty("api.version", "unknown"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
