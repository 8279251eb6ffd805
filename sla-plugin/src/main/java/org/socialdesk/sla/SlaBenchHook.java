package org.socialdesk.sla;

import org.socialdesk.sla.wall.WallBroadcaster;

/**
 * For the benchmarks only (bench/, package {@code org.socialdesk.bench.sla}): what they need of the
 * plugin's wiring that is not public API of a feature package. The benchmarks build the features
 * themselves through their public constructors (as {@link SlaPlugin#start} does) and reach the
 * plugin's own scheduled steps here, so that what they time is what the plugin runs. Nothing in the
 * plugin calls this class.
 */
public final class SlaBenchHook {

  private SlaBenchHook() {}

  /**
   * One refresh of the wall's board exactly as the plugin schedules it: a failure is logged, not
   * thrown.
   */
  public static void refreshWall(WallBroadcaster wall) {
    SlaPlugin.refresh(wall);
  }
}
