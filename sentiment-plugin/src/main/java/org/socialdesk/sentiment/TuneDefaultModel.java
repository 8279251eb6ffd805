package org.socialdesk.sentiment;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Developer tool: hyper-parameter check on a held-out 10 % of the TRAIN files (never the val
 * files). Usage: {@code TuneDefaultModel <data-dir> [l2 ...]}; prints macro recall and accuracy on
 * each corpus's dev part for each L2 value.
 */
final class TuneDefaultModel {
  private TuneDefaultModel() {}

  public static void main(String[] args) {
    Path data = Path.of(args.length > 0 ? args[0] : "/work/shared/data/sentiment");
    SentimentTrainer.Options base = SentimentTrainer.Options.defaults();
    List<List<Corpus>> parts =
        SentimentTrainer.split(SentimentTrainer.defaultCorpora(data, -1), 0.1, base.seed());
    double[] l2s = args.length > 1
        ? java.util.Arrays.stream(args, 1, args.length).mapToDouble(Double::parseDouble).toArray()
        : new double[] {base.l2()};
    for (double l2 : l2s) {
      long t0 = System.nanoTime();
      SentimentModel m = new SentimentTrainer(base.withL2(l2)).logTo(System.err::println)
          .train(parts.get(0));
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "l2=%g (%.0f s):", l2,
          (System.nanoTime() - t0) / 1e9));
      for (Corpus dev : parts.get(1)) {
        Evaluation e = Evaluation.of(m, dev.rows());
        line.append(String.format(Locale.ROOT, " %s mr=%.3f acc=%.3f", dev.name(), e.macroRecall(),
            e.accuracy()));
      }
      System.out.println(line);
    }
  }
}
