package org.socialdesk.sentiment.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads {@code label<TAB>text} files (UTF-8, no header, no quoting). */
final class Tsv {
  private Tsv() {}

  /** Reads every row of {@code file}; {@code limit} < 0 means all rows. */
  static List<LabelledText> read(Path file, int limit) {
    List<LabelledText> rows = new ArrayList<>();
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      var it = lines.iterator();
      int lineNo = 0;
      while (it.hasNext() && (limit < 0 || rows.size() < limit)) {
        String line = it.next();
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalArgumentException(
              file + ":" + lineNo + ": no TAB between label and text");
        }
        rows.add(new LabelledText(Label.parse(line.substring(0, tab)), line.substring(tab + 1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  static List<LabelledText> read(Path file) {
    return read(file, -1);
  }

  static Set<Label> labelsOf(List<LabelledText> rows) {
    Set<Label> labels = new LinkedHashSet<>();
    for (LabelledText r : rows) {
      labels.add(r.label());
    }
    return labels;
  }
}
