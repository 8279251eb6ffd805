package org.socialdesk.host.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

/**
 * One plugin jar's class loader. Its parent is the platform loader, so the JDK (including {@code
 * java.sql}) is visible and the host's libraries are not; the shared packages (the plugin API,
 * SLF4J, the Servlet API) come from the host, so that a plugin and the host agree on their types.
 */
final class PluginClassLoader extends URLClassLoader {

  /** Packages a plugin shares with the host instead of bundling. */
  static final List<String> SHARED_PREFIXES =
      List.of("org.socialdesk.api.", "org.slf4j.", "jakarta.servlet.");

  private final ClassLoader host;

  PluginClassLoader(Path jar, ClassLoader host) throws IOException {
    super(
        "plugin:" + jar.getFileName(),
        new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader());
    this.host = host;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isShared(name)) {
      return host.loadClass(name);
    }
    return super.loadClass(name, resolve);
  }

  @Override
  public URL getResource(String name) {
    return isSharedResource(name) ? host.getResource(name) : super.getResource(name);
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    return isSharedResource(name) ? host.getResources(name) : super.getResources(name);
  }

  /** Whether the jar itself bundles a class it should have taken from the host. */
  boolean bundlesShared(String className) {
    return findResource(className.replace('.', '/') + ".class") != null;
  }

  static boolean isShared(String className) {
    for (String prefix : SHARED_PREFIXES) {
      if (className.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSharedResource(String resource) {
    // Service files name implementations that live in the plugin, so only class files are shared.
    return resource.endsWith(".class") && isShared(resource.replace('/', '.'));
  }

  @Override
  public String toString() {
    return getName();
  }
}
