package org.socialdesk.host.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path folder;

  @Test
  void checkTakesADurationAsSocialdeskPrintsItAndNamesTheKeyOfOneItCannotRead() throws Exception {
    Path config =
        Files.writeString(
            folder.resolve("socialdesk.yml"),
            """
            pipeline:
              max-retry-delay: 2h30m
              first-retry: in a bit
            http-client:
              request-timeout: 90s
            """);
    String[] args = {"check", "--config", config.toString()};
    var commandLine = SocialdeskCli.commandLine(args);
    StringWriter out = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));

    int exit = commandLine.execute(args);

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString().lines().filter(line -> line.startsWith("PROBLEM: ")))
        .singleElement()
        .asString()
        .contains("socialdesk.yml:3: 'pipeline.first-retry' not a duration: 'in a bit'")
        .contains("2h30m");
  }
}
