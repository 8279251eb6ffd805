package org.socialdesk.host.plugin;

import java.nio.file.Path;
import java.util.Optional;
import org.socialdesk.api.PluginDescriptor;

/** A jar found in the plugins folder: opened and checked, or failed with the reason. */
public final class LoadedPlugin {

  private final Path path;
  private final PluginJar jar;
  private volatile PluginState state;

  LoadedPlugin(Path path, PluginJar jar, PluginState state) {
    this.path = path;
    this.jar = jar;
    this.state = state;
  }

  public Path path() {
    return path;
  }

  /** The opened jar; empty when it could not be opened. */
  public Optional<PluginJar> jar() {
    return Optional.ofNullable(jar);
  }

  public Optional<PluginDescriptor> descriptor() {
    return jar().map(PluginJar::descriptor);
  }

  public PluginState state() {
    return state;
  }

  void state(PluginState newState) {
    this.state = newState;
  }

  public boolean isStarted() {
    return state instanceof PluginState.Started;
  }
}
