package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.SentimentModel;

/** The sentiment command's classify and eval as a user runs them, bad input included. */
class SentimentCommandTest {

  private static final SentimentConfig CONFIG =
      new SentimentConfig(null, null, null, null, null, null, null);
  private static final LanguageDetector LANGUAGES =
      LanguageDetector.forLanguages(CONFIG.languages());
  private static final SentimentModel MODEL = SentimentModel.readDefault(LANGUAGES);

  @TempDir Path folder;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final SentimentCommand command =
      new SentimentCommand(
          () -> MODEL, () -> LANGUAGES, () -> null, () -> CONFIG, Clock.systemUTC());

  private int run(byte[] stdin, String... args) {
    return command.run(
        List.of(args),
        new PluginCommand.Terminal(
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
  }

  @Test
  void classifyReportsALineThatIsNotUtf8AndGoesOnWithTheNext() {
    byte[] input =
        concat(
            "I love this, thank you!\n".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe, '\n'},
            "This is the worst service ever\r\n".getBytes(StandardCharsets.UTF_8));

    int exit = run(input, "classify");

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .hasSize(2)
        .satisfies(
            lines -> {
              assertThat(lines.get(0)).contains("\"label\":\"positive\"");
              assertThat(lines.get(1)).contains("\"label\":\"negative\"");
            });
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("line 2: not valid UTF-8, skipped");
  }

  @Test
  void evalOfAMissingFileSaysSoInOneLineWithoutAStackTrace() {
    int exit = run(new byte[0], "eval", folder.resolve("nothere.tsv").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .startsWith("sentiment eval: no such file: ")
        .doesNotContain("\n\tat ");
  }

  @Test
  void evalSkipsAndNamesTheLinesThatAreNotLabelledTexts() throws Exception {
    Path file = folder.resolve("mixed.tsv");
    Files.write(
        file,
        concat(
            "positive\tI love it\nno tab here\n".getBytes(StandardCharsets.UTF_8),
            new byte[] {'n', 'e', 'g', 'a', 't', 'i', 'v', 'e', '\t', (byte) 0xc3, '\n'}));

    int exit = run(new byte[0], "eval", file.toString());

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("rows: 1 (skipped 2)");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("mixed.tsv:2: skipped: no TAB between label and text")
        .contains("mixed.tsv:3: skipped: not valid UTF-8");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
