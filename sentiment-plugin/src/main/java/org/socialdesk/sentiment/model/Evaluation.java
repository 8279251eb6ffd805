package org.socialdesk.sentiment.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Accuracy, per-label and macro-averaged recall and the confusion matrix of a model on labelled
 * texts. Only the labels that the data uses take part: predictions are restricted to them (a binary
 * negative/positive file is scored as a binary task) and macro recall averages over them.
 */
public final class Evaluation {
  private final Set<Label> labels;

  /** confusion[gold][predicted], indexed by {@link Label#ordinal()}. */
  private final long[][] confusion;

  private Evaluation(Set<Label> labels, long[][] confusion) {
    this.labels = labels;
    this.confusion = confusion;
  }

  /** Evaluates {@code model} on a {@code label<TAB>text} file. */
  public static Evaluation of(SentimentModel model, Path tsv) {
    return of(model, Tsv.read(tsv));
  }

  /** Evaluates {@code model} on {@code rows}. */
  public static Evaluation of(SentimentModel model, List<LabelledText> rows) {
    Set<Label> labels = labelsOf(rows);
    long[][] m = new long[3][3];
    for (LabelledText r : rows) {
      Label predicted = model.classify(r.text(), labels).label();
      m[r.label().ordinal()][predicted.ordinal()]++;
    }
    return new Evaluation(labels, m);
  }

  /**
   * An evaluation from a confusion matrix {@code [gold][predicted]} indexed by label ordinal; the
   * labels are those with a gold count.
   */
  public static Evaluation ofConfusion(long[][] confusion) {
    if (confusion.length != 3) {
      throw new IllegalArgumentException("need a 3x3 matrix");
    }
    Set<Label> labels = EnumSet.noneOf(Label.class);
    long[][] copy = new long[3][];
    for (int g = 0; g < 3; g++) {
      copy[g] = confusion[g].clone();
      long sum = 0;
      for (long v : copy[g]) {
        sum += v;
      }
      if (sum > 0) {
        labels.add(Label.ofIndex(g));
      }
    }
    return new Evaluation(labels, copy);
  }

  private static Set<Label> labelsOf(List<LabelledText> rows) {
    Set<Label> labels = EnumSet.noneOf(Label.class);
    for (LabelledText r : rows) {
      labels.add(r.label());
    }
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("no rows to evaluate");
    }
    return labels;
  }

  /** The labels the data uses. */
  public Set<Label> labels() {
    return EnumSet.copyOf(labels);
  }

  public long count(Label gold, Label predicted) {
    return confusion[gold.ordinal()][predicted.ordinal()];
  }

  public long total() {
    long n = 0;
    for (long[] row : confusion) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  public double accuracy() {
    long correct = 0;
    for (int k = 0; k < 3; k++) {
      correct += confusion[k][k];
    }
    long n = total();
    return n == 0 ? 0 : correct / (double) n;
  }

  /** Recall of {@code gold}: the share of its texts predicted as it. */
  public double recall(Label gold) {
    long[] row = confusion[gold.ordinal()];
    long n = row[0] + row[1] + row[2];
    return n == 0 ? 0 : row[gold.ordinal()] / (double) n;
  }

  /** Macro-averaged recall over the labels the data uses. */
  public double macroRecall() {
    double sum = 0;
    for (Label l : labels) {
      sum += recall(l);
    }
    return sum / labels.size();
  }

  /** The confusion matrix as a Markdown table (rows gold, columns predicted). */
  public String confusionMarkdown() {
    List<Label> ls = new ArrayList<>(labels);
    StringBuilder b = new StringBuilder("| gold \\ predicted |");
    for (Label l : ls) {
      b.append(' ').append(l.code()).append(" |");
    }
    b.append("\n|---|");
    b.append("---:|".repeat(ls.size())).append('\n');
    for (Label g : ls) {
      b.append("| ").append(g.code()).append(" |");
      for (Label p : ls) {
        b.append(' ').append(count(g, p)).append(" |");
      }
      b.append('\n');
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "n=%d accuracy=%.4f macroRecall=%.4f", total(), accuracy(), macroRecall());
  }
}
