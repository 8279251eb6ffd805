package org.socialdesk.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A plugin API version. Minor versions only add; a plugin runs on a host whose API has the same
 * major and a minor at least as high as the one it was built for.
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

  /** The version of this plugin-api jar, filtered into a resource at build time. */
  public static final ApiVersion CURRENT = readBuiltVersion();

  public ApiVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException("API version parts must be >= 0");
    }
  }

  public static ApiVersion parse(String text) {
    String[] parts = text.trim().split("\\.");
    if (parts.length != 2) {
      throw new IllegalArgumentException("API version must be MAJOR.MINOR, got '" + text + "'");
    }
    try {
      return new ApiVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("API version must be MAJOR.MINOR, got '" + text + "'", e);
    }
  }

  /** Whether a plugin built against {@code required} runs on a host offering this version. */
  public boolean canRun(ApiVersion required) {
    return major == required.major && minor >= required.minor;
  }

  @Override
  public int compareTo(ApiVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }

  private static ApiVersion readBuiltVersion() {
    try (InputStream in = ApiVersion.class.getResourceAsStream("api-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("api-version.properties missing from plugin-api jar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return parse(properties.getProperty("api.version"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
