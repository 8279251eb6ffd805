package org.socialdesk.sla.calendar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The opening hours of one day, sorted and never overlapping; empty when closed all day. */
public record DayHours(List<OpenInterval> intervals) {

  static final DayHours CLOSED = new DayHours(List.of());

  public DayHours {
    List<OpenInterval> sorted = new ArrayList<>(Objects.requireNonNull(intervals, "intervals"));
    sorted.sort(Comparator.comparing(OpenInterval::start));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).overlaps(sorted.get(i))) {
        throw new IllegalArgumentException(sorted.get(i - 1) + " overlaps " + sorted.get(i));
      }
    }
    intervals = List.copyOf(sorted);
  }

  /** Parses intervals such as {@code ["09:00-12:00", "13:00-18:00"]}. */
  public static DayHours parse(List<String> texts) {
    return new DayHours(texts.stream().map(OpenInterval::parse).toList());
  }

  public boolean isClosed() {
    return intervals.isEmpty();
  }

  @Override
  public String toString() {
    return intervals.toString();
  }
}
