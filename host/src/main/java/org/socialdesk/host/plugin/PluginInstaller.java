package org.socialdesk.host.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.PluginDescriptor;

/**
 * Adds and removes plugin jars in the plugins folder. Every check runs before anything changes: a
 * refused jar leaves the folder and the database as they were.
 */
public final class PluginInstaller {

  private final Path pluginsDir;
  private final ApiVersion hostApi;

  public PluginInstaller(Path pluginsDir, ApiVersion hostApi) {
    this.pluginsDir = pluginsDir;
    this.hostApi = hostApi;
  }

  /**
   * Validates {@code jar}, runs {@code migrate} with its class loader (its schema), then copies it
   * into the plugins folder as {@code <id>.jar}.
   *
   * @throws InvalidPluginException if it is incompatible, malformed or a duplicate
   */
  public PluginDescriptor install(Path jar, PluginManager.PluginPreparation migrate)
      throws Exception {
    if (!Files.isRegularFile(jar)) {
      throw new InvalidPluginException(jar + " is not a file");
    }
    try (PluginJar candidate = PluginJar.open(jar, hostApi)) {
      PluginDescriptor descriptor = candidate.descriptor();
      Optional<Path> existing = findJar(descriptor.id());
      if (existing.isPresent()) {
        throw new InvalidPluginException(
            "plugin '%s' is already installed (%s); remove it first with: socialdesk plugins remove %s"
                .formatted(descriptor.id(), existing.get().getFileName(), descriptor.id()));
      }
      try (var context = ThreadContextClassLoader.switchTo(candidate.loader())) {
        migrate.prepare(descriptor, candidate.loader());
      }
      Files.createDirectories(pluginsDir);
      Path target = pluginsDir.resolve(descriptor.id() + ".jar");
      Path partial = pluginsDir.resolve("." + descriptor.id() + ".jar.partial");
      // Copy then rename, so a crash never leaves half a jar where the host looks for plugins.
      Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      return descriptor;
    }
  }

  /** Removes the jar of plugin {@code id}; its tables stay, so a reinstall finds its data. */
  public Path remove(String id) throws IOException {
    Path jar =
        findJar(id)
            .orElseThrow(
                () -> new InvalidPluginException("no installed plugin has the id '" + id + "'"));
    Files.delete(jar);
    return jar;
  }

  /** The jar in the plugins folder whose plugin has {@code id}, by opening each. */
  public Optional<Path> findJar(String id) {
    for (Path path : PluginManager.jarsIn(pluginsDir)) {
      try (PluginJar jar = PluginJar.open(path, hostApi)) {
        if (jar.descriptor().id().equals(id)) {
          return Optional.of(path);
        }
      } catch (InvalidPluginException e) {
        // A broken jar cannot hold the id; plugins list reports it.
      }
    }
    return Optional.empty();
  }
}
