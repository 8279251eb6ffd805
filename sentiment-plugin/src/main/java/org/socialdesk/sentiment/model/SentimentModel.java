package org.socialdesk.sentiment.model;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.socialdesk.sentiment.language.LanguageDetector;

/**
 * A multinomial logistic-regression sentiment classifier over hashed word and character n-grams
 * (see {@link FeatureExtractor}). Immutable and thread-safe.
 *
 * <p>A model carries the {@link LanguageDetector} it answers with when the caller does not say the
 * language: the language is part of the features, so the model needs one to read a bare text.
 * Nothing is cached in static fields; whoever loads a model (the plugin) holds it.
 *
 * <p>Weights are held at half-float precision, so a model read back by {@link #load(InputStream)}
 * predicts exactly like the one that was saved.
 */
public final class SentimentModel {
  /** Classpath resource of the shipped default model. */
  public static final String DEFAULT_RESOURCE = "/org/socialdesk/sentiment/default-model.bin";

  private static final int MAGIC = 0x53444d31; // "SDM1"

  /** 1: no Thai word splitting; 2: a feature-flags int follows the character range. */
  private static final int VERSION = 2;

  private static final int FLAG_THAI_WORDS = 1;
  private static final int FLAG_LEXICON = 2;
  private static final int K = 3;
  private static final Set<Label> ALL = EnumSet.allOf(Label.class);

  private final FeatureExtractor extractor;

  /** Bucket-major: weights[bucket * 3 + label]. */
  private final float[] weights;

  private final float[] bias;
  private final String description;
  private final LanguageDetector languages;

  SentimentModel(
      FeatureExtractor extractor,
      float[] weights,
      float[] bias,
      String description,
      LanguageDetector languages) {
    if (weights.length != extractor.buckets() * K || bias.length != K) {
      throw new IllegalArgumentException("weights do not fit the feature space");
    }
    this.extractor = extractor;
    this.weights = weights;
    this.bias = bias;
    this.description = Objects.requireNonNullElse(description, "");
    this.languages = Objects.requireNonNull(languages, "languages");
  }

  /**
   * Classifies {@code text} into negative, neutral or positive, detecting its language with the
   * model's detector.
   */
  public Prediction classify(String text) {
    return classify(text, ALL);
  }

  /**
   * Classifies {@code text} whose language is already known ({@code language}: the ISO 639-1 code
   * from {@link LanguageDetector#detect}, or null/"und"), choosing among {@code allowed}. Saves a
   * second language detection when the caller has detected it anyway.
   */
  public Prediction classify(String text, String language, Set<Label> allowed) {
    return pick(probabilities(text, language), allowed);
  }

  /**
   * Classifies {@code text} choosing only among {@code allowed} labels (e.g. negative and positive
   * for a binary task); the score is renormalised over them.
   */
  public Prediction classify(String text, Set<Label> allowed) {
    return pick(probabilities(text), allowed);
  }

  private static Prediction pick(double[] p, Set<Label> allowed) {
    if (allowed.isEmpty()) {
      throw new IllegalArgumentException("no label allowed");
    }
    Label best = null;
    double bestP = -1;
    double sum = 0;
    for (Label l : allowed) {
      double v = p[l.ordinal()];
      sum += v;
      if (v > bestP) {
        bestP = v;
        best = l;
      }
    }
    double score = sum > 0 ? bestP / sum : 1.0 / allowed.size();
    return new Prediction(best, Math.min(1.0, Math.max(0.0, score)));
  }

  /**
   * Probabilities of negative, neutral and positive (indexed by {@link Label#ordinal()}), the
   * language detected with the model's detector.
   */
  public double[] probabilities(String text) {
    Objects.requireNonNull(text, "text");
    return probabilities(text, languages.detect(text));
  }

  /** Probabilities for a text whose language (ISO 639-1, or null/"und") is known. */
  public double[] probabilities(String text, String language) {
    Objects.requireNonNull(text, "text");
    return softmax(scores(extractor.extract(text, language)));
  }

  /** A one-line description of how the model was trained. */
  public String description() {
    return description;
  }

  double[] scores(FeatureExtractor.Features f) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    float[] w = weights;
    int[] idx = f.words;
    for (int i = 0, n = f.wordCount; i < n; i++) {
      int o = idx[i] * K;
      s0 += w[o];
      s1 += w[o + 1];
      s2 += w[o + 2];
    }
    double wv = f.wordValue();
    double c0 = 0;
    double c1 = 0;
    double c2 = 0;
    idx = f.chars;
    for (int i = 0, n = f.charCount; i < n; i++) {
      int o = idx[i] * K;
      c0 += w[o];
      c1 += w[o + 1];
      c2 += w[o + 2];
    }
    double cv = f.charValue();
    return new double[] {
      bias[0] + s0 * wv + c0 * cv, bias[1] + s1 * wv + c1 * cv, bias[2] + s2 * wv + c2 * cv
    };
  }

  static double[] softmax(double[] s) {
    double max = Math.max(s[0], Math.max(s[1], s[2]));
    double e0 = Math.exp(s[0] - max);
    double e1 = Math.exp(s[1] - max);
    double e2 = Math.exp(s[2] - max);
    double z = e0 + e1 + e2;
    return new double[] {e0 / z, e1 / z, e2 / z};
  }

  FeatureExtractor extractor() {
    return extractor;
  }

  float[] weights() {
    return weights;
  }

  float[] bias() {
    return bias;
  }

  /** Rounds to the precision the model file stores (IEEE half float). */
  static float toStoredPrecision(double v) {
    return Float.float16ToFloat(Float.floatToFloat16((float) v));
  }

  /** Writes the model (gzip-compressed, weights as half floats). Does not close {@code out}. */
  public void save(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
    DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz, 1 << 16));
    d.writeInt(MAGIC);
    d.writeInt(VERSION);
    d.writeUTF(description);
    d.writeInt(extractor.bits);
    d.writeInt(extractor.charMin);
    d.writeInt(extractor.charMax);
    d.writeInt(
        (extractor.thaiWords ? FLAG_THAI_WORDS : 0)
            | (extractor.lexicon != null ? FLAG_LEXICON : 0));
    for (float b : bias) {
      d.writeFloat(b);
    }
    for (float w : weights) {
      d.writeShort(Float.floatToFloat16(w));
    }
    d.flush();
    gz.finish();
  }

  /**
   * Reads a model written by {@link #save(OutputStream)}, which detects languages with {@code
   * languages} when not told. Does not close {@code in}.
   */
  public static SentimentModel load(InputStream in, LanguageDetector languages) throws IOException {
    DataInputStream d =
        new DataInputStream(new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16));
    if (d.readInt() != MAGIC) {
      throw new IOException("not a Socialdesk sentiment model");
    }
    int version = d.readInt();
    if (version != 1 && version != VERSION) {
      throw new IOException("unsupported sentiment model version " + version);
    }
    String description = d.readUTF();
    int bits = d.readInt();
    int charMin = d.readInt();
    int charMax = d.readInt();
    // Version 1 files (brand models stored before Thai word splitting) keep their features.
    int flags = version == 1 ? 0 : d.readInt();
    FeatureExtractor fx =
        new FeatureExtractor(
            bits,
            charMin,
            charMax,
            (flags & FLAG_THAI_WORDS) != 0,
            (flags & FLAG_LEXICON) != 0 ? SentimentLexicon.readDefault() : null);
    float[] bias = new float[K];
    for (int k = 0; k < K; k++) {
      bias[k] = d.readFloat();
    }
    float[] weights = new float[fx.buckets() * K];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Float.float16ToFloat(d.readShort());
    }
    return new SentimentModel(fx, weights, bias, description, languages);
  }

  /**
   * Reads the default model shipped in the jar ({@value #DEFAULT_RESOURCE}): a fresh instance on
   * every call (about 25 MB), so keep the one you read.
   *
   * @throws UncheckedIOException if the resource is missing or unreadable
   */
  public static SentimentModel readDefault(LanguageDetector languages) {
    try (InputStream in = SentimentModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IOException("resource " + DEFAULT_RESOURCE + " not on the classpath");
      }
      return load(in, languages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
