package org.socialdesk.host.config;

import org.socialdesk.api.ConfigSection;

/** A validated configuration, and where it came from, able to bind each plugin's own section. */
public final class LoadedConfig {

  private final SocialdeskConfig config;
  private final String source;
  private final ConfigBinder binder;

  LoadedConfig(SocialdeskConfig config, String source, ConfigBinder binder) {
    this.config = config;
    this.source = source;
    this.binder = binder;
  }

  public SocialdeskConfig config() {
    return config;
  }

  /** The file name, or {@code (embedded defaults)}. */
  public String source() {
    return source;
  }

  /** The section {@code plugins.<pluginId>}, bound on demand by the plugin. */
  public ConfigSection pluginSection(String pluginId) {
    return new ConfigSection() {
      @Override
      public boolean isPresent() {
        return binder.hasPluginSection(pluginId);
      }

      @Override
      public <T> T bind(Class<T> type) {
        return binder.bindPluginSection(pluginId, type);
      }
    };
  }
}
