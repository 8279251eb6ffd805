package org.socialdesk.host.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.plugin.LoadedPlugin;
import org.socialdesk.host.plugin.PluginState;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code socialdesk check}: validates the configuration, then starts the host without serving to
 * reach the database, the helpdesk and every plugin's peers. One line per problem; exit 1 on any.
 */
@Command(
    name = "check",
    description = "Validate the configuration and reach every configured peer.")
final class CheckCommand implements Callable<Integer> {

  @Mixin ConfigOption config;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> problems = new ArrayList<>();
    LoadedConfig loaded;
    try {
      loaded = config.load();
    } catch (ConfigException e) {
      e.getMessage()
          .lines()
          .skip(1)
          .map(line -> line.strip().replaceFirst("^\\d+\\.\\s*", ""))
          .forEach(problems::add);
      if (problems.isEmpty()) {
        problems.add(e.getMessage());
      }
      return report(out, problems);
    }
    try (SocialdeskServer host =
        SocialdeskServer.start(
            loaded, ServerPaths.ofThisProcess(), Clock.systemUTC(), RunMode.COMMAND)) {
      for (LoadedPlugin plugin : host.plugins().all()) {
        if (plugin.state() instanceof PluginState.Failed failed) {
          problems.add("plugin " + plugin.path().getFileName() + ": " + failed.reason());
        }
      }
      problems.addAll(host.peerProblems());
      for (Plugin plugin : host.plugins().started()) {
        host.plugins()
            .callInto(plugin, plugin::checkPeers)
            .forEach(
                problem -> problems.add("plugin " + plugin.descriptor().id() + ": " + problem));
      }
    } catch (Exception e) {
      problems.add(String.valueOf(e.getMessage()));
    }
    if (problems.isEmpty()) {
      out.println("OK: " + loaded.source() + " is valid and every configured peer answers.");
    }
    return report(out, problems);
  }

  private static int report(PrintWriter out, List<String> problems) {
    problems.forEach(problem -> out.println("PROBLEM: " + problem));
    return problems.isEmpty() ? 0 : 1;
  }
}
