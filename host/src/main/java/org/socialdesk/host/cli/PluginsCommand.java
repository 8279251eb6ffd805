package org.socialdesk.host.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.plugin.InvalidPluginException;
import org.socialdesk.host.plugin.LoadedPlugin;
import org.socialdesk.host.plugin.PluginInstaller;
import org.socialdesk.host.plugin.PluginManager;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code socialdesk plugins list|install|remove}. */
@Command(
    name = "plugins",
    description = "List, install and remove plugins.",
    subcommands = {
      PluginsCommand.ListPlugins.class,
      PluginsCommand.Install.class,
      PluginsCommand.Remove.class
    })
final class PluginsCommand {

  @Command(
      name = "list",
      description = "List the plugins in the plugins folder: id, version, API version, state.")
  static final class ListPlugins implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      LoadedConfig loaded = config.load();
      Path folder = ServerPaths.ofThisProcess().pluginsDir(loaded.config());
      PrintWriter out = spec.commandLine().getOut();
      try (PluginManager manager = new PluginManager(folder, ApiVersion.CURRENT)) {
        List<LoadedPlugin> plugins = manager.discover();
        if (plugins.isEmpty()) {
          out.println("No plugins in " + folder);
          return 0;
        }
        out.printf("%-16s %-16s %-5s %s%n", "ID", "VERSION", "API", "STATE");
        for (LoadedPlugin plugin : plugins) {
          String id =
              plugin
                  .descriptor()
                  .map(PluginDescriptor::id)
                  .orElse(plugin.path().getFileName().toString());
          String version = plugin.descriptor().map(PluginDescriptor::version).orElse("-");
          String api = plugin.descriptor().map(d -> d.apiVersion().toString()).orElse("-");
          out.printf("%-16s %-16s %-5s %s%n", id, version, api, plugin.state().label());
        }
        return plugins.stream().anyMatch(p -> p.descriptor().isEmpty()) ? 1 : 0;
      }
    }
  }

  @Command(
      name = "install",
      description = "Check a plugin jar, apply its schema and add it to the plugins folder.")
  static final class Install implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "JAR", description = "The plugin jar.")
    Path jar;

    @Override
    public Integer call() throws Exception {
      LoadedConfig loaded = config.load();
      Path folder = ServerPaths.ofThisProcess().pluginsDir(loaded.config());
      PluginInstaller installer = new PluginInstaller(folder, ApiVersion.CURRENT);
      try (Database database = Database.open(loaded.config().database())) {
        SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
        PluginDescriptor installed =
            installer.install(
                jar,
                (descriptor, loader) -> {
                  if (descriptor.hasChangelog()) {
                    migrations.apply(descriptor.changelog(), loader, "plugin " + descriptor.id());
                  }
                });
        spec.commandLine()
            .getOut()
            .printf(
                "Installed plugin '%s' %s into %s; restart Socialdesk to start it.%n",
                installed.id(), installed.version(), folder);
        return 0;
      } catch (InvalidPluginException e) {
        spec.commandLine()
            .getErr()
            .println("Refused: " + e.getMessage() + ". Nothing was changed.");
        return 1;
      }
    }
  }

  @Command(
      name = "remove",
      description = "Remove an installed plugin (its database tables are kept).")
  static final class Remove implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The plugin's id, as plugins list shows it.")
    String id;

    @Override
    public Integer call() throws Exception {
      LoadedConfig loaded = config.load();
      Path folder = ServerPaths.ofThisProcess().pluginsDir(loaded.config());
      try {
        Path removed = new PluginInstaller(folder, ApiVersion.CURRENT).remove(id);
        spec.commandLine()
            .getOut()
            .printf(
                "Removed %s; its tables are kept. Restart Socialdesk to apply.%n",
                removed.getFileName());
        return 0;
      } catch (InvalidPluginException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 1;
      }
    }
  }
}
