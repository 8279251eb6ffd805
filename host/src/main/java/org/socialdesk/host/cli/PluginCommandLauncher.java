package org.socialdesk.host.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A plugin's command on the host's command line: parses only {@code --config}, starts the host in
 * command mode, and hands every other argument to the plugin.
 */
final class PluginCommandLauncher implements Callable<Integer> {

  private final PluginCommand listed;
  private final String name;
  private CommandSpec spec;

  private PluginCommandLauncher(PluginCommand listed) {
    this.listed = listed;
    this.name = listed.name();
  }

  /**
   * @param listed the command as its (not started) plugin lists it
   */
  static CommandLine commandLineFor(PluginCommand listed) {
    String name = listed.name();
    String description = listed.description();
    PluginCommandLauncher launcher = new PluginCommandLauncher(listed);
    CommandSpec spec = CommandSpec.wrapWithoutInspection(launcher).name(name);
    spec.usageMessage().description(description);
    spec.addOption(
        OptionSpec.builder("-c", "--config")
            .paramLabel("FILE")
            .type(Path.class)
            .description(
                "Configuration file (YAML). Default: $SOCIALDESK_CONFIG, else the embedded defaults.")
            .build());
    spec.addPositional(
        PositionalParamSpec.builder()
            .paramLabel("ARGS")
            .arity("0..*")
            .type(String[].class)
            .description("Arguments for the plugin's command; try: " + name + " --help")
            .build());
    spec.parser().unmatchedOptionsArePositionalParams(true);
    launcher.spec = spec;
    return new CommandLine(spec);
  }

  @Override
  public Integer call() throws Exception {
    Path file = spec.findOption("--config").getValue();
    String[] args = spec.positionalParameters().getFirst().getValue();
    List<String> arguments = args == null ? List.of() : List.of(args);
    if (!listed.startsHost(arguments)) {
      return runWithContextLoader(listed, arguments);
    }
    LoadedConfig loaded = load(file);
    try (SocialdeskServer host =
        SocialdeskServer.start(
            loaded, ServerPaths.ofThisProcess(), Clock.systemUTC(), RunMode.COMMAND)) {
      PluginCommand command =
          host.pluginCommands().stream()
              .filter(c -> c.name().equals(name))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the plugin providing '"
                              + name
                              + "' did not start; see socialdesk plugins list"));
      return runWithContextLoader(command, arguments);
    }
  }

  private static int runWithContextLoader(PluginCommand command, List<String> arguments)
      throws Exception {
    PluginCommand.Terminal terminal = new PluginCommand.Terminal(System.in, System.out, System.err);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(command.getClass().getClassLoader());
    try {
      return command.run(arguments, terminal);
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  private static LoadedConfig load(Path file) {
    ConfigLoader loader = new ConfigLoader(System.getenv());
    String fromEnvironment = System.getenv("SOCIALDESK_CONFIG");
    if (file != null) {
      return loader.load(file);
    }
    return fromEnvironment == null || fromEnvironment.isBlank()
        ? loader.defaults()
        : loader.load(Path.of(fromEnvironment));
  }
}
