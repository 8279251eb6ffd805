package org.socialdesk.api;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * A sub-command a plugin adds to the {@code socialdesk} command line ({@code socialdesk <name>
 * args...}). By default the host starts the plugin (database, configuration) before running it.
 */
public interface PluginCommand {

  /** The first word after {@code socialdesk}, e.g. {@code sentiment}. */
  String name();

  /** One line for the command line's help. */
  String description();

  /**
   * Whether the host (database, plugins) starts before the command runs. A command that is only a
   * client of a running server says false: it then runs at once, before its plugin's start, and
   * does not compete with the server for an embedded database.
   */
  default boolean startsHost() {
    return true;
  }

  /** The same, for one invocation: a command whose sub-commands differ decides per arguments. */
  default boolean startsHost(List<String> args) {
    return startsHost();
  }

  /** Runs the command; returns the process exit code. */
  int run(List<String> args, Terminal terminal) throws Exception;

  /** The command's standard streams. */
  record Terminal(InputStream in, PrintStream out, PrintStream err) {}
}
