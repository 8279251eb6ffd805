package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;
import org.socialdesk.sla.config.SlaReportConfig;
import org.socialdesk.sla.config.SlaWallConfig;

/** The report page with {@code plugins.sla.report.zone} set: it says whose days it shows. */
public class SlaReportPageZoneBrowserTest {

  private static Chromium chromium;
  private static PagesFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.require();
    fixture = new PagesFixture(SlaWallConfig.DEFAULTS, new SlaReportConfig("Asia/Bangkok"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void thePageSaysTheReportsZoneAndDefaultsToItsLast30Days() throws Exception {
    // Now is 2026-03-13 15:00 UTC, 22:00 in Bangkok.
    String dom = chromium.dumpDom(fixture.page("/sla/"), 8000).stdout();

    assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
    assertThat(dom)
        .contains("From 2026-02-12 to 2026-03-13 (days in Asia/Bangkok, both included).")
        .contains(
            "aria-label=\"Response rate by day, 2026-02-12 to 2026-03-13 (days in"
                + " Asia/Bangkok): 30 days on a time axis");
  }
}
