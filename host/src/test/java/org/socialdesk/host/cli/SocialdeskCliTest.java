package org.socialdesk.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.host.plugin.TestJars;

class SocialdeskCliTest {

  @TempDir Path folder;

  @Test
  void findsTheConfigFileInEveryFormPicocliAccepts() {
    assertThat(
            SocialdeskCli.configFileIn(new String[] {"sentiment", "classify", "--config", "a.yml"}))
        .isEqualTo(Path.of("a.yml"));
    assertThat(SocialdeskCli.configFileIn(new String[] {"sentiment", "-c", "b.yml", "eval"}))
        .isEqualTo(Path.of("b.yml"));
    assertThat(SocialdeskCli.configFileIn(new String[] {"sentiment", "--config=c.yml"}))
        .isEqualTo(Path.of("c.yml"));
    assertThat(SocialdeskCli.configFileIn(new String[] {"sentiment", "-cd.yml"}))
        .isEqualTo(Path.of("d.yml"));
    assertThat(SocialdeskCli.configFileIn(new String[] {"sentiment", "classify"})).isNull();
    assertThat(SocialdeskCli.configFileIn(new String[] {"sentiment", "--config"})).isNull();
  }

  @Test
  void aPluginCommandWithABrokenConfigNamesTheConfigsProblemNotAnUnmatchedArgument()
      throws Exception {
    Path config = Files.writeString(folder.resolve("broken.yml"), "server:\n  port: eighty\n");
    String[] args = {"hello-greeter", "--config", config.toString()};
    var commandLine = SocialdeskCli.commandLine(args);
    var err = new java.io.StringWriter();
    commandLine.setErr(new java.io.PrintWriter(err, true));

    int exit = commandLine.execute(args);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains("broken.yml:2")
        .contains("server.port")
        .doesNotContain("Unmatched");
  }

  @Test
  void listsTheCommandsOfThePluginsInTheFolderTheConfigNames() throws Exception {
    Path plugins = folder.resolve("my-plugins");
    TestJars.plugin(plugins, "greeter.jar", "greeter", "1.0");
    Path config =
        Files.writeString(
            folder.resolve("socialdesk.yml"), "plugins-dir: " + plugins.toAbsolutePath() + "\n");

    var withConfig =
        SocialdeskCli.commandLine(new String[] {"hello-greeter", "--config", config.toString()});
    var withoutConfig = SocialdeskCli.commandLine(new String[] {"hello-greeter"});

    assertThat(withConfig.getSubcommands()).containsKey("hello-greeter");
    assertThat(withoutConfig.getSubcommands()).doesNotContainKey("hello-greeter");
  }
}
