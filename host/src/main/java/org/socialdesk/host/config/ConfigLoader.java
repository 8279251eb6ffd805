package org.socialdesk.host.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.socialdesk.api.ConfigException;

/** Reads {@code socialdesk.yml}, or supplies the embedded defaults when there is none. */
public final class ConfigLoader {

  private final EnvironmentExpansion expansion;

  public ConfigLoader(Map<String, String> environment) {
    this.expansion = new EnvironmentExpansion(environment);
  }

  /**
   * Loads and validates a file.
   *
   * @throws ConfigException listing every problem, each with its key and line
   */
  public LoadedConfig load(Path file) {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException("configuration file " + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read configuration file " + file + ": " + e.getMessage(), e);
    }
    ConfigBinder binder = new ConfigBinder(expansion, file.toString(), yaml);
    return new LoadedConfig(binder.bindRoot(SocialdeskConfig.class), file.toString(), binder);
  }

  /** The embedded defaults, as if the file were empty. */
  public LoadedConfig defaults() {
    ConfigBinder binder = new ConfigBinder(expansion, "(embedded defaults)", new byte[0]);
    return new LoadedConfig(SocialdeskConfig.DEFAULTS, "(embedded defaults)", binder);
  }
}
