package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;
import org.socialdesk.sla.report.SlaReportPageBrowserTest;

/** The wall at /wall/ in headless Chromium: events published on the bus show, coloured by sentiment. */
class WallPageBrowserTest {

  @Test
  void postsAndClocksShowColouredBySentiment(@TempDir Path dir) throws Exception {
    Chromium chromium = Chromium.require();
    try (PagesFixture fixture = new PagesFixture()) {
      fixture.routed("w1", "x", "furious_fred", "Charged twice this month!", Sentiment.Label.NEGATIVE,
          Influence.Tier.VIP, PagesFixture.NOW.minusSeconds(30));
      fixture.breach("h3-2", PagesFixture.NOW.minusSeconds(600));
      // The stream never ends by itself: end it from the server so the browser's budget can run out.
      Thread.ofVirtual().start(() -> {
        try {
          Thread.sleep(4000);
        } catch (InterruptedException e) {
          return;
        }
        fixture.plugin.stop();
      });
      if (Boolean.getBoolean("sla.docs.screenshots")) { // -Dsla.docs.screenshots=true refreshes the docs' picture
        Path png = dir.resolve("wall.png");
        chromium.screenshot(fixture.page("/wall/"), png, 3000);
        SlaReportPageBrowserTest.copyForDocs(png, "sla-wall.png");
      }
      String dom = chromium.dumpDom(fixture.page("/wall/"), 3000).stdout();

      assertThat(dom).contains("<li class=\"post sentiment-negative\" data-sentiment=\"negative\">");
      assertThat(dom).contains("@furious_fred", "Charged twice this month!", "tier tier-vip");
      assertThat(dom).contains("post sentiment-positive", "clock state-");
      assertThat(dom).contains("alert level-breach");
      assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
    }
  }
}
