package org.socialdesk.sentiment.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.model.SentimentTrainer;

/**
 * Single-thread throughput of language detection + sentiment classification, the per-text work of
 * the enricher. Usage: {@code Throughput <data-dir> [rounds]} (run it pinned to one core, e.g.
 * {@code taskset -c 0}); it times rounds over every val text after one warm-up round.
 */
public final class Throughput {
  private Throughput() {}

  /**
   * @param textsPerSecond best timed round
   * @param texts texts per round
   * @param rounds timed rounds
   */
  record Result(double textsPerSecond, int texts, int rounds, double medianTextsPerSecond) {
    String markdown() {
      return String.format(
          Locale.ROOT,
          "%,.0f texts/s (median of %d rounds %,.0f; best %,.0f) on one thread, language detection"
              + " + classification, over the %,d val texts of all sets; JVM %s on %s, %d cores"
              + " visible. Measured by `Throughput` (pin to one core with `taskset -c 0` for the"
              + " figure in the model card).",
          medianTextsPerSecond,
          rounds,
          medianTextsPerSecond,
          textsPerSecond,
          texts,
          Runtime.version(),
          System.getProperty("os.arch"),
          Runtime.getRuntime().availableProcessors());
    }

    @Override
    public String toString() {
      return markdown();
    }
  }

  /** Every val text of the shared data folder (all languages), in file order. */
  static List<String> sampleTexts(Path dataDir) {
    List<String> texts = new ArrayList<>();
    for (TrainDefaultModel.Bar bar : TrainDefaultModel.BARS) {
      for (LabelledText r : SentimentTrainer.readTsv(dataDir.resolve(bar.file()))) {
        texts.add(r.text());
      }
    }
    return texts;
  }

  /** The enricher's per-text work: detect the language once, classify with it. */
  private static int classifyOnce(SentimentModel model, LanguageDetector detector, String text) {
    String language = detector.detect(text);
    return language.length() + model.classify(text, language, ALL).label().ordinal();
  }

  private static final java.util.Set<Label> ALL = java.util.EnumSet.allOf(Label.class);

  static Result measure(
      SentimentModel model, LanguageDetector detector, List<String> texts, int rounds) {
    long sink = 0;
    for (String t : texts) { // warm-up
      sink += classifyOnce(model, detector, t);
    }
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      for (String t : texts) {
        sink += classifyOnce(model, detector, t);
      }
      rates[r] = texts.size() / ((System.nanoTime() - t0) / 1e9);
    }
    if (sink == 42) {
      System.out.print("");
    }
    double[] sorted = rates.clone();
    java.util.Arrays.sort(sorted);
    return new Result(sorted[rounds - 1], texts.size(), rounds, sorted[rounds / 2]);
  }

  public static void main(String[] args) throws Exception {
    Path data = SharedData.sentimentDir(args, 0);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    LanguageDetector detector = LanguageDetector.forDefaultLanguages();
    SentimentModel model = SentimentModel.readDefault(detector);
    List<String> texts = sampleTexts(data);
    Result r = measure(model, detector, texts, rounds);
    System.out.println(r);
    // Language detection alone, for the record.
    long t0 = System.nanoTime();
    for (int k = 0; k < rounds; k++) {
      for (String t : texts) {
        detector.detect(t);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "language detection alone: %,.0f texts/s%n",
        rounds * texts.size() / ((System.nanoTime() - t0) / 1e9));
  }
}
