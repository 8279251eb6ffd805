package org.socialdesk.sentiment.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.socialdesk.sentiment.language.LanguageDetector;

/**
 * Trains {@link SentimentModel}s: multinomial logistic regression with L2 regularisation, fitted by
 * L-BFGS over hashed features, with per-corpus and per-class example weights. The fit is
 * deterministic: the same data and options give the same model, bit for bit.
 */
public final class SentimentTrainer {

  /**
   * Training options.
   *
   * @param bits log2 of the number of hash buckets
   * @param charMin shortest character n-gram
   * @param charMax longest character n-gram
   * @param l2 L2 penalty (on the weight-averaged loss)
   * @param maxIterations L-BFGS iteration cap
   * @param threads worker threads for the gradient (the result does not depend on it)
   * @param seed seed of any random choice (the train/dev split of {@link #split})
   * @param thaiWords split Thai into dictionary words ({@link ThaiWords})
   * @param lexicon add the English lexicon's polarity cues ({@link SentimentLexicon})
   */
  public record Options(
      int bits,
      int charMin,
      int charMax,
      double l2,
      int maxIterations,
      int threads,
      long seed,
      boolean thaiWords,
      boolean lexicon) {
    /** The settings of the shipped default model (see docs/model-card.md). */
    public static Options defaults() {
      return new Options(
          21,
          1,
          5,
          5e-6,
          300,
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          20261123L,
          true,
          true);
    }

    public Options withThaiWords(boolean v) {
      return new Options(bits, charMin, charMax, l2, maxIterations, threads, seed, v, lexicon);
    }

    public Options withLexicon(boolean v) {
      return new Options(bits, charMin, charMax, l2, maxIterations, threads, seed, thaiWords, v);
    }

    public Options withL2(double v) {
      return new Options(
          bits, charMin, charMax, v, maxIterations, threads, seed, thaiWords, lexicon);
    }

    public Options withBits(int v) {
      return new Options(v, charMin, charMax, l2, maxIterations, threads, seed, thaiWords, lexicon);
    }

    public Options withCharRange(int min, int max) {
      return new Options(bits, min, max, l2, maxIterations, threads, seed, thaiWords, lexicon);
    }

    public Options withMaxIterations(int v) {
      return new Options(bits, charMin, charMax, l2, v, threads, seed, thaiWords, lexicon);
    }

    public Options withThreads(int v) {
      return new Options(bits, charMin, charMax, l2, maxIterations, v, seed, thaiWords, lexicon);
    }
  }

  /** Files of the default training recipe, with their weight and class balancing. */
  public record Source(String file, String corpus, double weight, double balance) {}

  /**
   * The default recipe. en-airline is NOT in it (CC BY-NC-SA): it is only for evaluation and the
   * brand-adaptation check. English is 47k rows; the corpus weights keep it from swamping the other
   * languages.
   */
  public static final List<Source> DEFAULT_SOURCES =
      List.of(
          new Source("en-semeval-train.tsv", "en", 1.0, 1.0),
          new Source("en-xlmt-train.tsv", "en", 1.0, 1.0),
          new Source("th-wisesight-train.tsv", "th", 0.8, 0.0),
          new Source("fa-insta-train.tsv", "fa", 0.3, 1.0),
          new Source("ar-xlmt-train.tsv", "ar", 0.25, 1.0),
          new Source("de-xlmt-train.tsv", "de", 0.25, 1.0),
          new Source("es-xlmt-train.tsv", "es", 0.25, 1.0),
          new Source("fr-xlmt-train.tsv", "fr", 0.25, 1.0),
          new Source("hi-xlmt-train.tsv", "hi", 0.25, 1.0),
          new Source("it-xlmt-train.tsv", "it", 0.25, 1.0),
          new Source("pt-xlmt-train.tsv", "pt", 0.25, 1.0));

  private final Options options;
  private final LanguageDetector languages;
  private Consumer<String> log = s -> {};

  /** A trainer with the default options and a new detector of the default languages. */
  public SentimentTrainer() {
    this(Options.defaults());
  }

  /** A trainer with a new detector of the default languages. */
  public SentimentTrainer(Options options) {
    this(options, LanguageDetector.forDefaultLanguages());
  }

  /**
   * @param languages detects the language of every training text (the features depend on it); the
   *     models trained answer with it too
   */
  public SentimentTrainer(Options options, LanguageDetector languages) {
    this.options = options;
    this.languages = languages;
  }

  /** Sends progress lines to {@code sink} (default: silent). */
  public SentimentTrainer logTo(Consumer<String> sink) {
    this.log = sink;
    return this;
  }

  public Options options() {
    return options;
  }

  /** Reads a {@code label<TAB>text} file (Thai {@code question} is read as neutral). */
  public static List<LabelledText> readTsv(Path file) {
    return Tsv.read(file);
  }

  /**
   * The default training corpora from {@code dataDir} (the shared sentiment data folder), each file
   * cut to its first {@code limitPerFile} rows ({@code < 0}: all).
   */
  public static List<Corpus> defaultCorpora(Path dataDir, int limitPerFile) {
    return corpora(dataDir, DEFAULT_SOURCES, limitPerFile);
  }

  /** The corpora of {@code sources} (files of one corpus name are merged). */
  public static List<Corpus> corpora(Path dataDir, List<Source> sources, int limitPerFile) {
    List<Corpus> out = new ArrayList<>();
    for (Source s : sources) {
      Path file = dataDir.resolve(s.file());
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("missing training file " + file);
      }
      List<LabelledText> rows = Tsv.read(file, limitPerFile);
      Corpus merged = null;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i).name().equals(s.corpus())) {
          List<LabelledText> all = new ArrayList<>(out.get(i).rows());
          all.addAll(rows);
          merged = new Corpus(s.corpus(), all, s.weight(), s.balance());
          out.set(i, merged);
        }
      }
      if (merged == null) {
        out.add(new Corpus(s.corpus(), rows, s.weight(), s.balance()));
      }
    }
    return out;
  }

  /** Trains the default model from the shared data folder (all rows of every default file). */
  public SentimentModel trainDefault(Path dataDir) {
    return train(defaultCorpora(dataDir, -1), "default recipe");
  }

  /**
   * Trains a brand model: the default corpora plus {@code brandTexts} (e.g. a brand's own labelled
   * tickets), which form one more corpus weighing as much as all default corpora together (a 50/50
   * mix of general and brand data) and keeping the brand's own class frequencies (so the model
   * learns the brand's prior, which is what accuracy on the brand's traffic rewards).
   */
  public SentimentModel trainBrand(Path dataDir, Collection<LabelledText> brandTexts) {
    List<Corpus> corpora = new ArrayList<>(defaultCorpora(dataDir, -1));
    if (!brandTexts.isEmpty()) {
      double defaultWeight = corpora.stream().mapToDouble(Corpus::weight).sum();
      corpora.add(new Corpus("brand", List.copyOf(brandTexts), defaultWeight, 0.0));
    }
    return train(corpora, "default recipe + " + brandTexts.size() + " brand texts");
  }

  /** Trains on the given corpora. */
  public SentimentModel train(List<Corpus> corpora) {
    return train(corpora, corpora.stream().map(Corpus::name).toList().toString());
  }

  SentimentModel train(List<Corpus> corpora, String what) {
    long t0 = System.nanoTime();
    FeatureExtractor fx =
        new FeatureExtractor(
            options.bits(),
            options.charMin(),
            options.charMax(),
            options.thaiWords(),
            options.lexicon() ? SentimentLexicon.readDefault() : null);
    Dataset data = Dataset.build(fx, corpora, languages);
    log.accept(
        String.format(
            "features: %d examples, %d non-zeros, %.1f s",
            data.size(), data.nonZeros(), (System.nanoTime() - t0) / 1e9));
    int dim = fx.buckets() * 3 + 3;
    double[] x = new double[dim];
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, options.threads()),
            r -> {
              Thread t = new Thread(r, "sentiment-trainer");
              t.setDaemon(true);
              return t;
            });
    try {
      Objective objective =
          new Objective(data, fx.buckets(), options.l2(), pool, options.threads());
      Lbfgs.Result r =
          new Lbfgs(6, options.maxIterations(), 1e-6)
              .minimize(
                  objective,
                  x,
                  it -> {
                    if (it % 25 == 0) {
                      log.accept(String.format("iteration %d, loss %.6f", it, objective.lastValue));
                    }
                  });
      log.accept(
          String.format(
              "L-BFGS: %d iterations, %d evaluations, objective %.6f, %.1f s",
              r.iterations(), r.evaluations(), r.value(), (System.nanoTime() - t0) / 1e9));
    } finally {
      pool.shutdownNow();
    }
    float[] w = new float[fx.buckets() * 3];
    for (int i = 0; i < w.length; i++) {
      w[i] = SentimentModel.toStoredPrecision(x[i]);
    }
    float[] b = new float[3];
    for (int k = 0; k < 3; k++) {
      b[k] = SentimentModel.toStoredPrecision(x[w.length + k]);
    }
    String description =
        String.format(
            "multinomial LR, L2=%g, 2^%d buckets, char %d-%d%s%s, %s",
            options.l2(),
            options.bits(),
            options.charMin(),
            options.charMax(),
            options.thaiWords() ? ", Thai words" : "",
            options.lexicon() ? ", lexicon cues" : "",
            what);
    return new SentimentModel(fx, w, b, description, languages);
  }

  /**
   * Splits each corpus into train and dev parts (a seeded shuffle; {@code devFraction} of each
   * corpus goes to dev): for tuning on train data without touching val files.
   */
  public static List<List<Corpus>> split(List<Corpus> corpora, double devFraction, long seed) {
    List<Corpus> train = new ArrayList<>();
    List<Corpus> dev = new ArrayList<>();
    for (Corpus c : corpora) {
      List<LabelledText> rows = new ArrayList<>(c.rows());
      java.util.Collections.shuffle(rows, new java.util.Random(seed ^ c.name().hashCode()));
      int nDev = (int) Math.round(rows.size() * devFraction);
      dev.add(new Corpus(c.name(), rows.subList(0, nDev), c.weight(), c.balance()));
      train.add(new Corpus(c.name(), rows.subList(nDev, rows.size()), c.weight(), c.balance()));
    }
    return List.of(train, dev);
  }

  /** Examples as sparse vectors with their weights. */
  static final class Dataset {
    final int[][] idx;
    final float[][] val;
    final byte[] label;
    final double[] weight;

    private Dataset(int[][] idx, float[][] val, byte[] label, double[] weight) {
      this.idx = idx;
      this.val = val;
      this.label = label;
      this.weight = weight;
    }

    int size() {
      return label.length;
    }

    long nonZeros() {
      long n = 0;
      for (int[] a : idx) {
        n += a.length;
      }
      return n;
    }

    /**
     * Features of every row, each with the language the detector finds in it: the same language the
     * model will see at prediction time (so romanised Hindi trains as whatever it is detected as,
     * not as "hi").
     */
    static Dataset build(FeatureExtractor fx, List<Corpus> corpora, LanguageDetector detector) {
      List<int[]> idx = new ArrayList<>();
      List<float[]> val = new ArrayList<>();
      List<Byte> labels = new ArrayList<>();
      List<Double> weights = new ArrayList<>();
      for (Corpus c : corpora) {
        // Exact duplicates (same label and text) are kept once.
        Set<LabelledText> seen = new HashSet<>();
        List<LabelledText> rows = new ArrayList<>();
        for (LabelledText r : c.rows()) {
          if (seen.add(r)) {
            rows.add(r);
          }
        }
        if (rows.isEmpty()) {
          continue;
        }
        int[] perClass = new int[3];
        for (LabelledText r : rows) {
          perClass[r.label().ordinal()]++;
        }
        int present = 0;
        for (int n : perClass) {
          present += n > 0 ? 1 : 0;
        }
        double[] classFactor = new double[3];
        double total = 0;
        for (int k = 0; k < 3; k++) {
          if (perClass[k] > 0) {
            classFactor[k] = Math.pow(rows.size() / (present * (double) perClass[k]), c.balance());
            total += classFactor[k] * perClass[k];
          }
        }
        for (LabelledText r : rows) {
          FeatureExtractor.Features f = fx.extract(r.text(), detector.detect(r.text()));
          int[][] iv = new int[1][];
          float[][] vv = new float[1][];
          merge(f, iv, vv);
          idx.add(iv[0]);
          val.add(vv[0]);
          labels.add((byte) r.label().ordinal());
          weights.add(c.weight() * classFactor[r.label().ordinal()] / total);
        }
      }
      int n = labels.size();
      byte[] lab = new byte[n];
      double[] w = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        lab[i] = labels.get(i);
        sum += weights.get(i);
      }
      for (int i = 0; i < n; i++) {
        w[i] = weights.get(i) / sum; // weights sum to 1: the loss is a weighted mean
      }
      return new Dataset(idx.toArray(int[][]::new), val.toArray(float[][]::new), lab, w);
    }

    /** Sorted distinct buckets with summed values (word and char blocks share the space). */
    private static void merge(FeatureExtractor.Features f, int[][] idxOut, float[][] valOut) {
      int n = f.wordCount + f.charCount;
      long[] packed = new long[n];
      int wv = Float.floatToIntBits(f.wordValue());
      int cv = Float.floatToIntBits(f.charValue());
      for (int i = 0; i < f.wordCount; i++) {
        packed[i] = ((long) f.words[i] << 32) | (wv & 0xffffffffL);
      }
      for (int i = 0; i < f.charCount; i++) {
        packed[f.wordCount + i] = ((long) f.chars[i] << 32) | (cv & 0xffffffffL);
      }
      Arrays.sort(packed);
      int[] idx = new int[n];
      float[] val = new float[n];
      int m = -1;
      for (long p : packed) {
        int bucket = (int) (p >>> 32);
        float v = Float.intBitsToFloat((int) p);
        if (m >= 0 && idx[m] == bucket) {
          val[m] += v;
        } else {
          m++;
          idx[m] = bucket;
          val[m] = v;
        }
      }
      idxOut[0] = Arrays.copyOf(idx, m + 1);
      valOut[0] = Arrays.copyOf(val, m + 1);
    }
  }

  /** Weighted mean cross-entropy + (l2/2)|W|^2, gradient computed in fixed chunks. */
  static final class Objective implements Lbfgs.Objective {
    private static final int CHUNKS = 4;
    private final Dataset data;
    private final int buckets;
    private final double l2;
    private final ExecutorService pool;
    private final int chunks;
    private final double[][] partialGradients;
    double lastValue;

    Objective(Dataset data, int buckets, double l2, ExecutorService pool, int threads) {
      this.data = data;
      this.buckets = buckets;
      this.l2 = l2;
      this.pool = pool;
      this.chunks =
          CHUNKS; // fixed, so the summation order (and the model) never depends on threads
      this.partialGradients = new double[chunks][];
    }

    @Override
    public double evaluate(double[] x, double[] gradient) {
      int n = data.size();
      List<Future<Double>> futures = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        int from = (int) ((long) n * c / chunks);
        int to = (int) ((long) n * (c + 1) / chunks);
        int chunk = c;
        futures.add(
            pool.submit(
                () -> {
                  double[] g = chunk == 0 ? gradient : partialGradients[chunk];
                  if (g == null) {
                    g = partialGradients[chunk] = new double[gradient.length];
                  }
                  Arrays.fill(g, 0.0);
                  return lossAndGradient(x, g, from, to);
                }));
      }
      double loss = 0;
      try {
        for (Future<Double> f : futures) {
          loss += f.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
      for (int c = 1; c < chunks; c++) {
        double[] g = partialGradients[c];
        for (int i = 0; i < gradient.length; i++) {
          gradient[i] += g[i];
        }
      }
      int nw = buckets * 3;
      double reg = 0;
      for (int i = 0; i < nw; i++) {
        double w = x[i];
        reg += w * w;
        gradient[i] += l2 * w;
      }
      lastValue = loss + 0.5 * l2 * reg;
      return lastValue;
    }

    private double lossAndGradient(double[] x, double[] g, int from, int to) {
      int biasOffset = buckets * 3;
      double loss = 0;
      for (int i = from; i < to; i++) {
        int[] idx = data.idx[i];
        float[] val = data.val[i];
        double z0 = x[biasOffset];
        double z1 = x[biasOffset + 1];
        double z2 = x[biasOffset + 2];
        for (int j = 0; j < idx.length; j++) {
          int o = idx[j] * 3;
          double v = val[j];
          z0 += x[o] * v;
          z1 += x[o + 1] * v;
          z2 += x[o + 2] * v;
        }
        double max = Math.max(z0, Math.max(z1, z2));
        double e0 = Math.exp(z0 - max);
        double e1 = Math.exp(z1 - max);
        double e2 = Math.exp(z2 - max);
        double z = e0 + e1 + e2;
        int y = data.label[i];
        double zy = y == 0 ? z0 : y == 1 ? z1 : z2;
        double wgt = data.weight[i];
        loss += wgt * (Math.log(z) + max - zy);
        double g0 = wgt * (e0 / z - (y == 0 ? 1 : 0));
        double g1 = wgt * (e1 / z - (y == 1 ? 1 : 0));
        double g2 = wgt * (e2 / z - (y == 2 ? 1 : 0));
        for (int j = 0; j < idx.length; j++) {
          int o = idx[j] * 3;
          double v = val[j];
          g[o] += g0 * v;
          g[o + 1] += g1 * v;
          g[o + 2] += g2 * v;
        }
        g[biasOffset] += g0;
        g[biasOffset + 1] += g1;
        g[biasOffset + 2] += g2;
      }
      return loss;
    }
  }
}
