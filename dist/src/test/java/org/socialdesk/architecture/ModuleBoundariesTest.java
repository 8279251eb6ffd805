package org.socialdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin architecture's promises, checked on the compiled classes of every module: the host
 * never uses a plugin's class, a plugin uses neither the host nor another plugin. Only the plugin
 * API (and the libraries a plugin bundles) crosses these lines.
 */
class ModuleBoundariesTest {

  private static final String HOST = "org.socialdesk.host..";
  private static final String CHANNEL = "org.socialdesk.channel..";
  private static final String SENTIMENT = "org.socialdesk.sentiment..";
  private static final String SLA = "org.socialdesk.sla..";

  private static JavaClasses production;

  /** Each module's own compiled classes (tests run in this module's folder), not its shaded jar. */
  private static final List<String> MODULES =
      List.of("plugin-api", "host", "social-channel-plugin", "sentiment-plugin", "sla-plugin");

  @BeforeAll
  static void importProductionClasses() {
    List<Path> classes =
        MODULES.stream().map(module -> Path.of("..", module, "target", "classes")).toList();
    assertThat(classes)
        .as("the modules' compiled classes (the reactor builds them first)")
        .allMatch(Files::isDirectory);
    production = new ClassFileImporter().importPaths(classes);
  }

  @Test
  void theHostUsesNoPluginClass() {
    noClasses()
        .that()
        .resideInAPackage(HOST)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(CHANNEL, SENTIMENT, SLA)
        .because("the host knows plugins only through the plugin API")
        .check(production);
  }

  @ParameterizedTest(name = "{0} uses neither the host nor another plugin")
  @ValueSource(strings = {CHANNEL, SENTIMENT, SLA})
  void aPluginUsesNeitherTheHostNorAnotherPlugin(String plugin) {
    String[] forbidden =
        Stream.of(HOST, CHANNEL, SENTIMENT, SLA)
            .filter(other -> !other.equals(plugin))
            .toArray(String[]::new);
    noClasses()
        .that()
        .resideInAPackage(plugin)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(forbidden)
        .because("a plugin compiles against the plugin API only")
        .check(production);
  }

  @Test
  void thePluginApiUsesNoImplementation() {
    noClasses()
        .that()
        .resideInAPackage("org.socialdesk.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(HOST, CHANNEL, SENTIMENT, SLA)
        .check(production);
  }

  @Test
  void theSlaPluginsFeaturePackagesHaveNoCycles() {
    slices()
        .matching("org.socialdesk.sla.(*)..")
        .should()
        .beFreeOfCycles()
        .because("sla-plugin is packaged by feature, in the order its package-info gives")
        .check(production);
  }

  @Test
  void theSlaPluginsFeaturePackagesDoNotUseItsEntryPackage() {
    noClasses()
        .that()
        .resideInAPackage(SLA)
        .and()
        .resideOutsideOfPackage("org.socialdesk.sla")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.socialdesk.sla")
        .because(
            "org.socialdesk.sla wires the features together (SlaPlugin) and holds the benchmarks' hook")
        .check(production);
  }
}
