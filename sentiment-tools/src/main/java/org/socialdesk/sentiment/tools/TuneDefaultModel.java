package org.socialdesk.sentiment.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.socialdesk.sentiment.model.Corpus;
import org.socialdesk.sentiment.model.Evaluation;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.model.SentimentTrainer;

/**
 * Developer tool: compares training settings on a held-out part of the TRAIN files (never the val
 * files), each variant trained and measured in turn in one JVM.
 *
 * <p>Usage: {@code TuneDefaultModel <data-dir> <iterations> <variant>...}, a variant being
 * comma-separated {@code key[=value]} items on top of the default recipe:
 *
 * <ul>
 *   <li>{@code thai}, {@code nothai}: Thai word splitting on / off; {@code lex}, {@code nolex}:
 *       lexicon cues on / off; {@code l2=X}; {@code bits=N};
 *   <li>{@code small=X}: corpus weight of each XLM-T language but English; {@code w<corpus>=X}:
 *       weight of one corpus (e.g. {@code whi=0.5});
 *   <li>{@code only=en+th}: keep these corpora; {@code drop=<file prefix>}: leave a file out
 *       (cheaper runs for questions about a few languages);
 *   <li>{@code dev=F} (default 0.1): the share of each corpus held out; {@code seed=N}: another
 *       split, to see the noise;
 *   <li>{@code shift}: also prints each held-out part's figures with the neutral score moved by
 *       -0.6..+0.6 (threshold calibration).
 * </ul>
 */
public final class TuneDefaultModel {
  private TuneDefaultModel() {}

  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    int iters = Integer.parseInt(args[1]);
    for (int a = 2; a < args.length; a++) {
      String variant = args[a];
      Map<String, String> kv = new HashMap<>();
      for (String p : variant.split(",")) {
        String[] x = p.split("=", 2);
        kv.put(x[0], x.length > 1 ? x[1] : "");
      }
      List<SentimentTrainer.Source> sources = new ArrayList<>();
      for (SentimentTrainer.Source s : SentimentTrainer.DEFAULT_SOURCES) {
        double w = s.weight();
        if (kv.containsKey("small") && s.file().contains("xlmt") && !s.corpus().equals("en")) {
          w = Double.parseDouble(kv.get("small"));
        }
        if (kv.containsKey("w" + s.corpus())) {
          w = Double.parseDouble(kv.get("w" + s.corpus()));
        }
        sources.add(new SentimentTrainer.Source(s.file(), s.corpus(), w, s.balance()));
      }
      SentimentTrainer.Options base = SentimentTrainer.Options.defaults().withMaxIterations(iters);
      base =
          base.withThaiWords(
                  kv.containsKey("thai") || base.thaiWords() && !kv.containsKey("nothai"))
              .withLexicon(kv.containsKey("lex") || base.lexicon() && !kv.containsKey("nolex"));
      if (kv.containsKey("l2")) {
        base = base.withL2(Double.parseDouble(kv.get("l2")));
      }
      if (kv.containsKey("only")) {
        List<String> keep = List.of(kv.get("only").split("\\+"));
        sources.removeIf(s -> !keep.contains(s.corpus()));
      }
      if (kv.containsKey("drop")) {
        sources.removeIf(s -> s.file().startsWith(kv.get("drop")));
      }
      long seed = kv.containsKey("seed") ? Long.parseLong(kv.get("seed")) : base.seed();
      if (kv.containsKey("bits")) {
        base = base.withBits(Integer.parseInt(kv.get("bits")));
      }
      List<List<Corpus>> parts =
          SentimentTrainer.split(
              SentimentTrainer.corpora(data, sources, -1),
              kv.containsKey("dev") ? Double.parseDouble(kv.get("dev")) : 0.1,
              seed);
      long t0 = System.nanoTime();
      SentimentModel m = new SentimentTrainer(base).logTo(System.err::println).train(parts.get(0));
      StringBuilder line =
          new StringBuilder(
              String.format(Locale.ROOT, "%s (%.0f s):", variant, (System.nanoTime() - t0) / 1e9));
      for (Corpus dev : parts.get(1)) {
        Evaluation e = Evaluation.of(m, dev.rows());
        line.append(
            String.format(
                Locale.ROOT, " %s mr=%.3f acc=%.3f", dev.name(), e.macroRecall(), e.accuracy()));
      }
      System.out.println(line);
      if (kv.containsKey("shift")) {
        for (Corpus dev : parts.get(1)) {
          List<double[]> probs = new ArrayList<>();
          for (LabelledText r : dev.rows()) {
            probs.add(m.probabilities(r.text()));
          }
          StringBuilder sl = new StringBuilder("  shift " + dev.name() + ":");
          for (double d = -0.6; d <= 0.61; d += 0.1) {
            long[][] conf = new long[3][3];
            for (int i = 0; i < probs.size(); i++) {
              double[] p = probs.get(i);
              int gold = dev.rows().get(i).label().ordinal();
              double[] z = {Math.log(p[0]), Math.log(p[1]) + d, Math.log(p[2])};
              int best = z[0] >= z[1] && z[0] >= z[2] ? 0 : z[1] >= z[2] ? 1 : 2;
              conf[gold][best]++;
            }
            Evaluation e = Evaluation.ofConfusion(conf);
            sl.append(
                String.format(Locale.ROOT, " %+.1f:%.3f/%.3f", d, e.macroRecall(), e.accuracy()));
          }
          System.out.println(sl);
        }
      }
    }
  }
}
