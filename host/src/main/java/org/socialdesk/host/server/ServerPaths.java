package org.socialdesk.host.server;

import java.nio.file.Path;
import org.socialdesk.host.config.SocialdeskConfig;

/**
 * Where the host finds its plugins and keeps its files.
 *
 * @param home the installation ({@code bin/}, {@code lib/}, {@code plugins/}); the launcher sets it
 * @param data the working data folder, {@code ./data}
 */
public record ServerPaths(Path home, Path data) {

  /** The paths of this process: {@code -Dsocialdesk.home}, else the working directory. */
  public static ServerPaths ofThisProcess() {
    String home = System.getProperty("socialdesk.home", ".");
    return new ServerPaths(
        Path.of(home).toAbsolutePath().normalize(), Path.of("data").toAbsolutePath());
  }

  public Path pluginsDir(SocialdeskConfig config) {
    return config.pluginsDir() != null
        ? home.resolve(config.pluginsDir())
        : home.resolve("plugins");
  }
}
