package org.socialdesk.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/**
 * The plugins of one host: discovers the jars in the plugins folder, starts them in order, stops
 * them in reverse. A plugin that fails to load or start is marked failed, with the reason, and the
 * others carry on; one that refused its configuration is also listed in {@link
 * #configurationProblems()}, so that a server can refuse to start without it.
 */
public final class PluginManager implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PluginManager.class);

  private final Path pluginsDir;
  private final ApiVersion hostApi;
  private final List<LoadedPlugin> plugins = new ArrayList<>();
  private final List<String> configurationProblems = new ArrayList<>();

  public PluginManager(Path pluginsDir, ApiVersion hostApi) {
    this.pluginsDir = pluginsDir;
    this.hostApi = hostApi;
  }

  /** Opens every {@code *.jar} in the plugins folder, in name order. */
  public List<LoadedPlugin> discover() {
    Map<String, Path> seen = new HashMap<>();
    for (Path path : jarsIn(pluginsDir)) {
      plugins.add(open(path, seen));
    }
    return List.copyOf(plugins);
  }

  private LoadedPlugin open(Path path, Map<String, Path> seen) {
    PluginJar jar;
    try {
      jar = PluginJar.open(path, hostApi);
    } catch (InvalidPluginException e) {
      log.atError().addKeyValue("jar", path).log("Plugin not loaded: {}", e.getMessage());
      return new LoadedPlugin(path, null, new PluginState.Failed(e.getMessage()));
    }
    Path earlier = seen.putIfAbsent(jar.descriptor().id(), path);
    if (earlier != null) {
      jar.close();
      String reason =
          "plugin id '"
              + jar.descriptor().id()
              + "' is already provided by "
              + earlier.getFileName();
      log.atError().addKeyValue("jar", path).log("Plugin not loaded: {}", reason);
      return new LoadedPlugin(path, null, new PluginState.Failed(reason));
    }
    return new LoadedPlugin(path, jar, new PluginState.Ready());
  }

  /**
   * Prepares (e.g. applies the schema) and starts each loaded plugin, in discovery order.
   *
   * @param prepare runs before start with the plugin's class loader; may throw to fail it
   * @param contexts builds each plugin's context
   */
  public void startAll(
      PluginPreparation prepare, Function<PluginDescriptor, PluginContext> contexts) {
    for (LoadedPlugin loaded : plugins) {
      loaded.jar().ifPresent(jar -> start(loaded, jar, prepare, contexts));
    }
  }

  private void start(
      LoadedPlugin loaded,
      PluginJar jar,
      PluginPreparation prepare,
      Function<PluginDescriptor, PluginContext> contexts) {
    PluginDescriptor descriptor = jar.descriptor();
    try (var context = ThreadContextClassLoader.switchTo(jar.loader())) {
      prepare.prepare(descriptor, jar.loader());
      jar.plugin().start(contexts.apply(descriptor));
      loaded.state(new PluginState.Started());
      log.atInfo()
          .addKeyValue("plugin", descriptor.id())
          .addKeyValue("version", descriptor.version())
          .log("Plugin started");
    } catch (Exception | LinkageError e) {
      loaded.state(
          new PluginState.Failed(String.valueOf(e.getMessage() != null ? e.getMessage() : e)));
      configurationProblem(e)
          .ifPresent(
              problem ->
                  configurationProblems.add(
                      "plugin "
                          + descriptor.id()
                          + " ("
                          + loaded.path().getFileName()
                          + "): "
                          + problem.getMessage()));
      log.atError()
          .addKeyValue("plugin", descriptor.id())
          .setCause(e)
          .log("Plugin failed to start; Socialdesk runs without it");
      stopQuietly(jar);
    }
  }

  /** The ConfigException in {@code failure} or its causes: the plugin refused its configuration. */
  private static java.util.Optional<ConfigException> configurationProblem(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigException problem) {
        return java.util.Optional.of(problem);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * One entry per plugin whose start failed on its configuration, in start order: "plugin id (jar):
   * " and every problem it listed.
   */
  public List<String> configurationProblems() {
    return List.copyOf(configurationProblems);
  }

  /** The started plugins, in start order. */
  public List<Plugin> started() {
    return plugins.stream()
        .filter(LoadedPlugin::isStarted)
        .map(p -> p.jar().orElseThrow().plugin())
        .toList();
  }

  public List<LoadedPlugin> all() {
    return List.copyOf(plugins);
  }

  /** Calls into a started plugin with its class loader as the thread's context loader. */
  public <T> T callInto(Plugin plugin, java.util.function.Supplier<T> call) {
    ClassLoader loader = plugin.getClass().getClassLoader();
    try (var context = ThreadContextClassLoader.switchTo(loader)) {
      return call.get();
    }
  }

  /** Stops the started plugins in reverse order and releases every jar. */
  @Override
  public void close() {
    for (LoadedPlugin loaded : plugins.reversed()) {
      loaded
          .jar()
          .ifPresent(
              jar -> {
                if (loaded.isStarted()) {
                  stopQuietly(jar);
                  loaded.state(new PluginState.Stopped());
                }
                jar.close();
              });
    }
  }

  private static void stopQuietly(PluginJar jar) {
    try (var context = ThreadContextClassLoader.switchTo(jar.loader())) {
      jar.plugin().stop();
    } catch (RuntimeException | LinkageError e) {
      log.atWarn()
          .addKeyValue("plugin", jar.descriptor().id())
          .setCause(e)
          .log("Plugin failed to stop cleanly");
    }
  }

  static List<Path> jarsIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot list plugins folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Work done for each plugin before its start, with its class loader. */
  @FunctionalInterface
  public interface PluginPreparation {
    void prepare(PluginDescriptor descriptor, ClassLoader loader) throws Exception;
  }
}
