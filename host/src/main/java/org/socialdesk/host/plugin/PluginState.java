package org.socialdesk.host.plugin;

/** Where a plugin is in its life, as {@code socialdesk plugins list} shows it. */
public sealed interface PluginState {

  String label();

  /** Loaded and compatible, not started (the command line's view). */
  record Ready() implements PluginState {
    @Override
    public String label() {
      return "ready";
    }
  }

  record Started() implements PluginState {
    @Override
    public String label() {
      return "started";
    }
  }

  record Stopped() implements PluginState {
    @Override
    public String label() {
      return "stopped";
    }
  }

  /** It could not be loaded or started; the host runs without it. */
  record Failed(String reason) implements PluginState {
    @Override
    public String label() {
      return "failed: " + reason;
    }
  }
}
