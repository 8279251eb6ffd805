package org.socialdesk.host.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.host.plugin.LoadedPlugin;
import org.socialdesk.host.plugin.PluginManager;
import org.socialdesk.host.server.ServerPaths;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code socialdesk} command: the host's commands plus those of the installed plugins. */
@Command(
    name = "socialdesk",
    mixinStandardHelpOptions = true,
    versionProvider = SocialdeskCli.VersionProvider.class,
    description = "Social networks as ticket sources of your helpdesk.",
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      VersionCommand.class,
      PluginsCommand.class,
      RtCommand.class,
      CommandLine.HelpCommand.class
    })
public final class SocialdeskCli {

  public static void main(String[] args) {
    // Commands keep stdout for their output and log only warnings; the server logs its progress.
    boolean serving = args.length > 0 && args[0].equals("run");
    System.setProperty(
        "socialdesk.log.level",
        System.getProperty("socialdesk.log.level", serving ? "INFO" : "WARN"));
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(commandLine(args).execute(args));
  }

  static CommandLine commandLine(String[] args) {
    CommandLine commandLine = new CommandLine(new SocialdeskCli());
    Optional<ConfigException> broken = Optional.empty();
    if (args.length > 0
        && !commandLine.getSubcommands().containsKey(args[0])
        && !args[0].startsWith("-")) {
      broken = addPluginCommands(commandLine, args);
    } else if (args.length == 0
        || args[0].equals("help")
        || args[0].startsWith("-h")
        || args[0].equals("--help")) {
      broken = addPluginCommands(commandLine, args);
    }
    if (broken.isPresent()
        && args.length > 0
        && !commandLine.getSubcommands().containsKey(args[0])) {
      // Likely a plugin's command, which cannot be found without a readable configuration: say
      // what is wrong with it rather than "unmatched argument".
      String problem = broken.get().getMessage();
      commandLine.setParameterExceptionHandler(
          (exception, arguments) -> {
            exception.getCommandLine().getErr().println(problem);
            return 2;
          });
    }
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parsed) -> {
          cmd.getErr()
              .println(
                  exception instanceof ConfigException
                      ? exception.getMessage()
                      : "socialdesk: " + describe(exception));
          return exception instanceof ConfigException ? 2 : 1;
        });
    return commandLine;
  }

  /**
   * Lists plugins' commands from their jars, without starting them, from the plugins folder of the
   * configuration the command line names. The jars stay open for the life of this short process: a
   * client command runs from them directly.
   */
  @SuppressWarnings("resource")
  private static Optional<ConfigException> addPluginCommands(
      CommandLine commandLine, String[] args) {
    Path folder;
    try {
      ConfigOption config = new ConfigOption();
      config.file = configFileIn(args);
      folder = ServerPaths.ofThisProcess().pluginsDir(config.load().config());
    } catch (ConfigException e) {
      return Optional.of(e);
    }
    PluginManager manager = new PluginManager(folder, ApiVersion.CURRENT);
    for (LoadedPlugin plugin : manager.discover()) {
      List<PluginCommand> commands =
          plugin
              .jar()
              .map(j -> manager.callInto(j.plugin(), j.plugin()::commands))
              .orElse(List.of());
      for (PluginCommand command : commands) {
        if (!commandLine.getSubcommands().containsKey(command.name())) {
          commandLine.addSubcommand(command.name(), PluginCommandLauncher.commandLineFor(command));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The {@code --config} file among the arguments, read before picocli parses them, because which
   * plugin commands exist depends on it; null when the arguments name none.
   */
  static Path configFileIn(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if ((arg.equals("-c") || arg.equals("--config")) && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (arg.startsWith("--config=")) {
        return Path.of(arg.substring("--config=".length()));
      }
      if (arg.startsWith("-c") && arg.length() > 2 && !arg.startsWith("--")) {
        return Path.of(arg.substring(2));
      }
    }
    return null;
  }

  private static String describe(Exception exception) {
    return exception.getMessage() != null ? exception.getMessage() : exception.toString();
  }

  /** {@code socialdesk --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Versions versions = Versions.ofThisBuild();
      return new String[] {
        "Socialdesk " + versions.socialdesk() + " (plugin API " + versions.api() + ")"
      };
    }
  }
}
