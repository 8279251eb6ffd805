package org.socialdesk.sla.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Where an SLA clock stands at an instant; all durations are business time. */
public sealed interface SlaState {

  /** Whether the clock has ended, so its outcome no longer changes. */
  boolean isFinal();

  /** Running, before the warning threshold. */
  record Running(Duration elapsed, Duration remaining) implements SlaState {
    public Running {
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(remaining, "remaining");
    }

    @Override
    public boolean isFinal() {
      return false;
    }
  }

  /** Running, past the warning threshold but not yet due. */
  record Warned(Duration elapsed, Duration remaining) implements SlaState {
    public Warned {
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(remaining, "remaining");
    }

    @Override
    public boolean isFinal() {
      return false;
    }
  }

  /**
   * Past the deadline: still running when {@code endedAt} is null, else ended late (answered, or
   * the customer deleted the post after the deadline).
   *
   * @param elapsed business time from the start to now or to the end
   * @param overdue business time past the deadline
   * @param endedAt when the clock ended, or null while it runs
   */
  record Breached(Duration elapsed, Duration overdue, Instant endedAt) implements SlaState {
    public Breached {
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(overdue, "overdue");
    }

    @Override
    public boolean isFinal() {
      return endedAt != null;
    }
  }

  /** Answered (or resolved) in time, after {@code took} of business time. */
  record Met(Instant at, Duration took) implements SlaState {
    public Met {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(took, "took");
    }

    @Override
    public boolean isFinal() {
      return true;
    }
  }

  /**
   * The customer withdrew what the clock waited for before its deadline: neither met nor breached,
   * and left out of response rates.
   */
  record Cancelled(Instant at) implements SlaState {
    public Cancelled {
      Objects.requireNonNull(at, "at");
    }

    @Override
    public boolean isFinal() {
      return true;
    }
  }
}
