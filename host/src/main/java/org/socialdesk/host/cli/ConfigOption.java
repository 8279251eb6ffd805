package org.socialdesk.host.cli;

import java.nio.file.Path;
import org.socialdesk.host.config.ConfigLoader;
import org.socialdesk.host.config.LoadedConfig;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option shared by every command that needs the configuration. */
final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "Configuration file (YAML). Default: $SOCIALDESK_CONFIG, else the embedded defaults.")
  Path file;

  LoadedConfig load() {
    ConfigLoader loader = new ConfigLoader(System.getenv());
    Path chosen = file != null ? file : fromEnvironment();
    return chosen == null ? loader.defaults() : loader.load(chosen);
  }

  private static Path fromEnvironment() {
    String value = System.getenv("SOCIALDESK_CONFIG");
    return value == null || value.isBlank() ? null : Path.of(value);
  }
}
