package org.socialdesk.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.Plugin;

class PluginManagerTest {

  @TempDir Path plugins;

  @Test
  void loadsEachJarInItsOwnClassLoader() throws IOException {
    TestJars.plugin(plugins, "a.jar", "alpha", "1.0");
    TestJars.plugin(plugins, "b.jar", "beta", "1.0");

    try (PluginManager manager = new PluginManager(plugins, new ApiVersion(1, 0))) {
      List<LoadedPlugin> loaded = manager.discover();

      assertThat(loaded)
          .extracting(p -> p.descriptor().orElseThrow().id())
          .containsExactly("alpha", "beta");
      Plugin alpha = loaded.get(0).jar().orElseThrow().plugin();
      Plugin beta = loaded.get(1).jar().orElseThrow().plugin();
      assertThat(alpha.getClass()).isNotSameAs(beta.getClass());
      assertThat(alpha.getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class);
      assertThat(Plugin.class.getClassLoader()).isSameAs(PluginManagerTest.class.getClassLoader());
    }
  }

  @Test
  void brokenAndIncompatibleJarsAreListedAsFailedAndTheOthersStart() throws IOException {
    TestJars.plugin(plugins, "a-good.jar", "good", "1.0");
    TestJars.withoutServiceFile(plugins, "b-broken.jar");
    TestJars.plugin(plugins, "c-future.jar", "future", "2.0");
    TestJars.plugin(plugins, "d-twin.jar", "good", "1.0");

    try (PluginManager manager = new PluginManager(plugins, new ApiVersion(1, 0))) {
      manager.discover();
      manager.startAll((descriptor, loader) -> {}, descriptor -> null);

      assertThat(manager.all())
          .extracting(p -> p.state().label())
          .containsExactly(
              "started",
              "failed: b-broken.jar is not a Socialdesk plugin: no META-INF/services/org.socialdesk.api.Plugin",
              "failed: plugin 'future' 1.2.3 (c-future.jar) was built for plugin API 2.0, but this Socialdesk offers API 1.0;"
                  + " a plugin runs only on the API major version it was built for",
              "failed: plugin id 'good' is already provided by a-good.jar");
      assertThat(manager.started()).hasSize(1);
    }
  }

  @Test
  void aPluginThatThrowsOnStartIsFailedWithTheReason() throws IOException {
    TestJars.plugin(plugins, "grumpy.jar", "grumpy", "1.0");
    System.setProperty("testplugin.fail-grumpy", "true");
    try (PluginManager manager = new PluginManager(plugins, new ApiVersion(1, 0))) {
      manager.discover();
      manager.startAll((descriptor, loader) -> {}, descriptor -> null);

      assertThat(manager.all().getFirst().state())
          .isEqualTo(new PluginState.Failed("refusing to start, as asked"));
      assertThat(manager.started()).isEmpty();
    } finally {
      System.clearProperty("testplugin.fail-grumpy");
    }
  }

  @Test
  void aPluginBuiltForAnOlderMinorRunsAndANewerMinorDoesNot() throws IOException {
    TestJars.plugin(plugins, "old.jar", "old", "1.0");
    TestJars.plugin(plugins, "new.jar", "newer", "1.3");

    try (PluginManager manager = new PluginManager(plugins, new ApiVersion(1, 2))) {
      manager.discover();

      assertThat(manager.all())
          .extracting(p -> p.state().label())
          .containsExactly(
              "failed: plugin 'newer' 1.2.3 (new.jar) was built for plugin API 1.3, but this Socialdesk offers API 1.2;"
                  + " upgrade Socialdesk to run it",
              "ready");
    }
  }

  @Test
  void failedPreparationFailsOnlyThatPlugin() throws IOException {
    TestJars.plugin(plugins, "a.jar", "alpha", "1.0");
    TestJars.plugin(plugins, "b.jar", "beta", "1.0");

    try (PluginManager manager = new PluginManager(plugins, new ApiVersion(1, 0))) {
      manager.discover();
      manager.startAll(
          (descriptor, loader) -> {
            if (descriptor.id().equals("alpha")) {
              throw new IllegalStateException("schema refused");
            }
          },
          descriptor -> null);

      assertThat(manager.all())
          .extracting(p -> p.state().label())
          .containsExactly("failed: schema refused", "started");
    }
  }
}
