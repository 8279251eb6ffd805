package org.socialdesk.host.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.socialdesk.api.Plugin;
import org.socialdesk.testplugin.TestPlugin;

/** Builds plugin jars for tests from {@link TestPlugin}, with the descriptor each test needs. */
public final class TestJars {

  private TestJars() {}

  public static Path plugin(Path folder, String fileName, String id, String apiVersion)
      throws IOException {
    return jar(folder, fileName, id, apiVersion, true);
  }

  static Path withoutServiceFile(Path folder, String fileName) throws IOException {
    return jar(folder, fileName, "broken", "1.0", false);
  }

  private static Path jar(
      Path folder, String fileName, String id, String apiVersion, boolean service)
      throws IOException {
    Files.createDirectories(folder);
    Path jar = folder.resolve(fileName);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> type : TestPlugin.class.getNestMembers()) {
        String classFile = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry(classFile));
        try (InputStream in = TestPlugin.class.getClassLoader().getResourceAsStream(classFile)) {
          in.transferTo(out);
        }
      }
      if (service) {
        write(
            out, "META-INF/services/" + Plugin.class.getName(), TestPlugin.class.getName() + "\n");
      }
      write(
          out,
          "META-INF/socialdesk-plugin.properties",
          "id="
              + id
              + "\nversion=1.2.3\napi-version="
              + apiVersion
              + "\ndescription=test plugin\nchangelog=\n");
    }
    return jar;
  }

  private static void write(JarOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream entry = out;
    entry.write(content.getBytes(StandardCharsets.UTF_8));
  }
}
