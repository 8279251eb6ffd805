package org.socialdesk.sentiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.Evaluation;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.sentiment.model.Prediction;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.model.SentimentTrainer;
import org.socialdesk.sentiment.model.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code socialdesk sentiment classify | eval | train | vip}. Classify and eval need nothing but
 * the model, so they run without starting the host; train and vip use the plugin's tables.
 */
final class SentimentCommand implements PluginCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<SentimentModel> model;
  private final Supplier<LanguageDetector> languages;
  private final Supplier<SentimentTables> tables;
  private final Supplier<SentimentConfig> config;
  private final Clock clock;

  SentimentCommand(
      Supplier<SentimentModel> model,
      Supplier<LanguageDetector> languages,
      Supplier<SentimentTables> tables,
      Supplier<SentimentConfig> config,
      Clock clock) {
    this.model = model;
    this.languages = languages;
    this.tables = tables;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "sentiment";
  }

  @Override
  public String description() {
    return "Classify texts, evaluate on a labelled file, train a brand model, manage the VIP list.";
  }

  @Override
  public boolean startsHost(List<String> args) {
    return !args.isEmpty() && (args.getFirst().equals("train") || args.getFirst().equals("vip"));
  }

  @Override
  public int run(List<String> args, Terminal terminal) {
    CommandLine commandLine =
        new CommandLine(new Root())
            .addSubcommand(new Classify(terminal))
            .addSubcommand(new Eval(terminal))
            .addSubcommand(new Train(terminal))
            .addSubcommand(new Vip(terminal));
    commandLine
        .setOut(new java.io.PrintWriter(terminal.out(), true))
        .setErr(new java.io.PrintWriter(terminal.err(), true));
    commandLine.setExecutionExceptionHandler(
        (exception, failed, parsed) -> {
          failed
              .getErr()
              .println(failed.getCommandSpec().qualifiedName() + ": " + describe(exception));
          return 2;
        });
    return commandLine.execute(args.toArray(String[]::new));
  }

  @Command(
      name = "sentiment",
      mixinStandardHelpOptions = true,
      description = "Sentiment, language and influence tools.")
  static final class Root {}

  /** A failure the user can act on, in one line: no stack trace. */
  static String describe(Exception exception) {
    return switch (exception) {
      case java.nio.file.NoSuchFileException missing -> "no such file: " + missing.getFile();
      case java.nio.file.AccessDeniedException denied ->
          "cannot read " + denied.getFile() + ": permission denied";
      case java.io.UncheckedIOException unchecked -> describe(unchecked.getCause());
      case java.nio.charset.CharacterCodingException coding -> "the file is not valid UTF-8";
      default -> exception.getMessage() != null ? exception.getMessage() : exception.toString();
    };
  }

  private static Set<Label> labels(List<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.allOf(Label.class);
    }
    EnumSet<Label> set = EnumSet.noneOf(Label.class);
    names.forEach(n -> set.add(Label.parse(n)));
    return set;
  }

  @Command(
      name = "classify",
      description =
          "Read UTF-8 lines on stdin; write one JSON object per line: label, score, lang.")
  final class Classify implements Callable<Integer> {
    private final Terminal terminal;

    @Option(
        names = "--labels",
        split = ",",
        description = "Restrict the answer to these labels, e.g. negative,positive.")
    List<String> labels;

    Classify(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
      Set<Label> allowed = labels(labels);
      SentimentModel sentiment = model.get();
      LanguageDetector detector = languages.get();
      Utf8Lines in = new Utf8Lines(terminal.in());
      PrintStream out = terminal.out();
      int bad = 0;
      for (Utf8Lines.Line read = in.next(); read != null; read = in.next()) {
        if (!read.valid() || read.text().isBlank()) {
          terminal
              .err()
              .println(
                  "line "
                      + read.number()
                      + ": "
                      + (read.valid() ? "empty line" : "not valid UTF-8")
                      + ", skipped");
          bad++;
          continue;
        }
        String line = read.text();
        String language = detector.detect(line);
        Prediction prediction = sentiment.classify(line, language, allowed);
        ObjectNode json = JSON.createObjectNode();
        json.put("label", prediction.label().code());
        json.put("score", Math.round(prediction.score() * 10000) / 10000.0);
        json.put("lang", language);
        out.println(json);
      }
      out.flush();
      return bad == 0 ? 0 : 1;
    }
  }

  @Command(
      name = "eval",
      description =
          "Macro-averaged recall, accuracy and confusion matrix on a label<TAB>text file.")
  final class Eval implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(paramLabel = "FILE")
    Path file;

    Eval(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
      List<LabelledText> rows = new ArrayList<>();
      int bad = 0;
      try (var stream = Files.newInputStream(file)) {
        Utf8Lines lines = new Utf8Lines(stream);
        for (Utf8Lines.Line read = lines.next(); read != null; read = lines.next()) {
          bad += evalRow(read, rows) ? 0 : 1;
        }
      }
      Evaluation evaluation = Evaluation.of(model.get(), rows);
      PrintStream out = terminal.out();
      out.printf("rows: %d (skipped %d)%n", rows.size(), bad);
      out.printf("labels: %s%n", evaluation.labels());
      out.printf("macro-averaged recall: %.4f%n", evaluation.macroRecall());
      out.printf("accuracy: %.4f%n", evaluation.accuracy());
      out.println(evaluation.confusionMarkdown());
      return 0;
    }

    /**
     * Adds a {@code label<TAB>text} row; false, with the reason on stderr, for a line that is not
     * one.
     */
    private boolean evalRow(Utf8Lines.Line read, List<LabelledText> rows) {
      try {
        if (!read.valid()) {
          throw new IllegalArgumentException("not valid UTF-8");
        }
        String line = read.text();
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalArgumentException("no TAB between label and text");
        }
        rows.add(new LabelledText(Label.parse(line.substring(0, tab)), line.substring(tab + 1)));
        return true;
      } catch (IllegalArgumentException e) {
        terminal.err().println(file + ":" + read.number() + ": skipped: " + e.getMessage());
        return false;
      }
    }
  }

  @Command(
      name = "train",
      description =
          "Train a brand model from the default data plus the brand's labelled texts, and use it from now on.")
  final class Train implements Callable<Integer> {
    private final Terminal terminal;

    @Option(
        names = "--add",
        paramLabel = "FILE.tsv",
        description = "Labelled texts (label<TAB>text) to add to the brand's own first.")
    Path add;

    @Option(
        names = TrainingData.OPTION,
        paramLabel = "DIR",
        description =
            "The default labelled data (the shared sentiment data folder); default: the setting "
                + TrainingData.SETTING
                + ".")
    Path data;

    Train(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
      SentimentConfig settings = config.get();
      Path dataDir;
      switch (TrainingData.locate(data, settings == null ? null : settings.trainingData())) {
        case TrainingData.Missing missing -> {
          terminal.err().println(missing.message());
          return 2;
        }
        case TrainingData.Found found -> dataDir = found.data().dir();
      }
      SentimentTables store = tables.get();
      if (add != null) {
        List<LabelledText> added = SentimentTrainer.readTsv(add);
        added.forEach(
            t -> store.addLabel(t.label(), t.text(), "file:" + add.getFileName(), clock.instant()));
        terminal.out().println("Added " + added.size() + " labelled texts from " + add + ".");
      }
      List<LabelledText> brand = store.labels();
      terminal
          .out()
          .println("Training on the default data and " + brand.size() + " brand texts...");
      SentimentModel trained =
          new SentimentTrainer(SentimentTrainer.Options.defaults(), languages.get())
              .logTo(terminal.err()::println)
              .trainBrand(dataDir, brand);
      store.saveModel(trained, trained.description(), clock.instant());
      terminal.out().println("Brand model stored; Socialdesk uses it from its next start.");
      return 0;
    }
  }

  @Command(
      name = "vip",
      description =
          "The VIP list: vip add NETWORK HANDLE REASON | vip remove NETWORK HANDLE | vip list.")
  final class Vip implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(arity = "1..*", paramLabel = "ARGS")
    List<String> args;

    Vip(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      SentimentTables store = tables.get();
      switch (args.getFirst()) {
        case "list" -> store.vips().forEach(terminal.out()::println);
        case "add" -> {
          if (args.size() < 4) {
            terminal.err().println("usage: vip add NETWORK HANDLE REASON...");
            return 2;
          }
          store.addVip(
              args.get(1),
              args.get(2),
              String.join(" ", args.subList(3, args.size())),
              clock.instant());
          terminal
              .out()
              .println(
                  "@" + args.get(2).replaceFirst("^@", "") + " on " + args.get(1) + " is a VIP.");
        }
        case "remove" -> {
          boolean removed = args.size() >= 3 && store.removeVip(args.get(1), args.get(2));
          terminal.out().println(removed ? "Removed." : "No such VIP.");
          return removed ? 0 : 1;
        }
        default -> {
          terminal
              .err()
              .println("unknown vip action '" + args.getFirst() + "': add, remove or list");
          return 2;
        }
      }
      return 0;
    }
  }
}
