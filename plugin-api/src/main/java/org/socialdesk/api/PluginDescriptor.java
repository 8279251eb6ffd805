package org.socialdesk.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Who a plugin is.
 *
 * @param id stable, lower-case, dashed identifier; also the name of its configuration section
 * @param version the plugin's own version
 * @param apiVersion the plugin API version it was compiled against, normally {@link
 *     ApiVersion#CURRENT} captured at build time
 * @param description one line for {@code socialdesk plugins list}
 * @param changelog classpath resource of its Liquibase changelog inside its jar, or empty if it
 *     keeps no tables
 */
public record PluginDescriptor(
    String id, String version, ApiVersion apiVersion, String description, String changelog) {

  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{1,40}");

  public PluginDescriptor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(changelog, "changelog");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "plugin id '" + id + "' must be lower-case letters, digits and dashes");
    }
  }

  /** Where a plugin jar keeps its descriptor, written by its build with the versions filled in. */
  public static final String RESOURCE = "META-INF/socialdesk-plugin.properties";

  /**
   * Reads the descriptor the plugin's build filtered into {@link #RESOURCE}, so that {@code
   * apiVersion} is the version the plugin was compiled against, not the host's. Keys: {@code id},
   * {@code version}, {@code api-version}, {@code description}, {@code changelog}.
   */
  public static PluginDescriptor of(Class<? extends Plugin> pluginClass) {
    ClassLoader loader = pluginClass.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            pluginClass.getName() + " has no " + RESOURCE + " in its jar");
      }
      Properties properties = new Properties();
      properties.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      return new PluginDescriptor(
          properties.getProperty("id"),
          properties.getProperty("version"),
          ApiVersion.parse(properties.getProperty("api-version", "")),
          properties.getProperty("description", ""),
          properties.getProperty("changelog", ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean hasChangelog() {
    return !changelog.isEmpty();
  }
}
