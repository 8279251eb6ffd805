package org.socialdesk.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.ApiVersion;

class PluginInstallerTest {

  @TempDir Path folder;

  private final List<String> migrated = new ArrayList<>();

  @Test
  void installsACompatibleJarUnderItsIdAfterApplyingItsSchema() throws Exception {
    Path jar = TestJars.plugin(folder.resolve("downloads"), "alpha-1.2.3.jar", "alpha", "1.0");
    PluginInstaller installer =
        new PluginInstaller(folder.resolve("plugins"), new ApiVersion(1, 0));

    installer.install(jar, (descriptor, loader) -> migrated.add(descriptor.id()));

    assertThat(folder.resolve("plugins/alpha.jar")).exists();
    assertThat(migrated).containsExactly("alpha");
    assertThat(installer.findJar("alpha")).contains(folder.resolve("plugins/alpha.jar"));
  }

  @Test
  void refusesAJarBuiltForAnotherMajorApiAndChangesNothing() throws Exception {
    Path jar = TestJars.plugin(folder.resolve("downloads"), "future.jar", "future", "2.0");
    Path plugins = folder.resolve("plugins");
    TestJars.plugin(plugins, "alpha.jar", "alpha", "1.0");
    List<Path> before = list(plugins);
    PluginInstaller installer = new PluginInstaller(plugins, new ApiVersion(1, 0));

    assertThatThrownBy(
            () -> installer.install(jar, (descriptor, loader) -> migrated.add(descriptor.id())))
        .isInstanceOf(InvalidPluginException.class)
        .hasMessage(
            "plugin 'future' 1.2.3 (future.jar) was built for plugin API 2.0, but this Socialdesk offers API 1.0;"
                + " a plugin runs only on the API major version it was built for");
    assertThat(list(plugins)).isEqualTo(before);
    assertThat(migrated).isEmpty();
  }

  @Test
  void refusesASecondPluginWithAnInstalledIdAndChangesNothing() throws Exception {
    Path plugins = folder.resolve("plugins");
    TestJars.plugin(plugins, "alpha.jar", "alpha", "1.0");
    Path jar = TestJars.plugin(folder.resolve("downloads"), "alpha-2.jar", "alpha", "1.0");
    PluginInstaller installer = new PluginInstaller(plugins, new ApiVersion(1, 0));

    assertThatThrownBy(
            () -> installer.install(jar, (descriptor, loader) -> migrated.add(descriptor.id())))
        .hasMessage(
            "plugin 'alpha' is already installed (alpha.jar); remove it first with: socialdesk plugins remove alpha");
    assertThat(list(plugins)).containsExactly(plugins.resolve("alpha.jar"));
    assertThat(migrated).isEmpty();
  }

  @Test
  void refusesAJarThatIsNotAPlugin() throws Exception {
    Path jar = TestJars.withoutServiceFile(folder, "random.jar");
    PluginInstaller installer =
        new PluginInstaller(folder.resolve("plugins"), new ApiVersion(1, 0));

    assertThatThrownBy(() -> installer.install(jar, (descriptor, loader) -> {}))
        .hasMessageContaining("random.jar is not a Socialdesk plugin");
    assertThat(folder.resolve("plugins")).doesNotExist();
  }

  @Test
  void removeDeletesTheJarOfThatIdOnly() throws Exception {
    Path plugins = folder.resolve("plugins");
    TestJars.plugin(plugins, "alpha.jar", "alpha", "1.0");
    TestJars.plugin(plugins, "beta.jar", "beta", "1.0");

    new PluginInstaller(plugins, new ApiVersion(1, 0)).remove("alpha");

    assertThat(list(plugins)).containsExactly(plugins.resolve("beta.jar"));
    assertThatThrownBy(() -> new PluginInstaller(plugins, new ApiVersion(1, 0)).remove("alpha"))
        .hasMessage("no installed plugin has the id 'alpha'");
  }

  private static List<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.sorted().toList();
    }
  }
}
