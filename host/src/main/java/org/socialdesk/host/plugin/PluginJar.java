package org.socialdesk.host.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginDescriptor;

/**
 * A plugin jar opened in its own class loader, with its one {@link Plugin} instantiated and
 * checked. Opening never runs the plugin's start.
 */
public final class PluginJar implements AutoCloseable {

  private final Path path;
  private final PluginClassLoader loader;
  private final Plugin plugin;

  private PluginJar(Path path, PluginClassLoader loader, Plugin plugin) {
    this.path = path;
    this.loader = loader;
    this.plugin = plugin;
  }

  /**
   * Opens and checks a jar.
   *
   * @throws InvalidPluginException with a message an admin can act on
   */
  public static PluginJar open(Path jar, ApiVersion hostApi) {
    PluginClassLoader loader;
    try {
      loader = new PluginClassLoader(jar, PluginJar.class.getClassLoader());
    } catch (IOException e) {
      throw new InvalidPluginException(jar + ": cannot open: " + e.getMessage());
    }
    try {
      Plugin plugin = loadSinglePlugin(jar, loader);
      checkCompatible(jar, plugin.descriptor(), hostApi);
      return new PluginJar(jar, loader, plugin);
    } catch (RuntimeException | LinkageError e) {
      closeQuietly(loader);
      if (e instanceof InvalidPluginException invalid) {
        throw invalid;
      }
      throw new InvalidPluginException(jar.getFileName() + ": cannot load the plugin: " + e);
    }
  }

  private static Plugin loadSinglePlugin(Path jar, PluginClassLoader loader) {
    if (loader.bundlesShared(Plugin.class.getName())) {
      throw new InvalidPluginException(
          jar.getFileName()
              + " bundles the plugin API itself; declare socialdesk-plugin-api with <scope>provided</scope>");
    }
    List<Plugin> plugins;
    try (var context = ThreadContextClassLoader.switchTo(loader)) {
      plugins =
          ServiceLoader.load(Plugin.class, loader).stream()
              .map(ServiceLoader.Provider::get)
              .toList();
    }
    if (plugins.isEmpty()) {
      throw new InvalidPluginException(
          jar.getFileName()
              + " is not a Socialdesk plugin: no META-INF/services/"
              + Plugin.class.getName());
    }
    if (plugins.size() > 1) {
      throw new InvalidPluginException(
          jar.getFileName() + " declares " + plugins.size() + " plugins; one jar holds one plugin");
    }
    return plugins.getFirst();
  }

  private static void checkCompatible(Path jar, PluginDescriptor descriptor, ApiVersion hostApi) {
    if (!hostApi.canRun(descriptor.apiVersion())) {
      throw new InvalidPluginException(
          "plugin '%s' %s (%s) was built for plugin API %s, but this Socialdesk offers API %s; %s"
              .formatted(
                  descriptor.id(),
                  descriptor.version(),
                  jar.getFileName(),
                  descriptor.apiVersion(),
                  hostApi,
                  descriptor.apiVersion().major() != hostApi.major()
                      ? "a plugin runs only on the API major version it was built for"
                      : "upgrade Socialdesk to run it"));
    }
  }

  public Path path() {
    return path;
  }

  public Plugin plugin() {
    return plugin;
  }

  public PluginDescriptor descriptor() {
    return plugin.descriptor();
  }

  ClassLoader loader() {
    return loader;
  }

  @Override
  public void close() {
    closeQuietly(loader);
  }

  private static void closeQuietly(PluginClassLoader loader) {
    try {
      loader.close();
    } catch (IOException ignored) {
      // Nothing to do: the jar file handle is released by the JVM on exit at the latest.
    }
  }
}
