package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;

/**
 * The report page at /sla/ in headless Chromium against the fixture: charts drawn, table filled, no
 * errors.
 */
public class SlaReportPageBrowserTest {

  static final String URL = "/sla/?from=2026-03-02&to=2026-03-13&groupBy=channel";

  private static Chromium chromium;
  private static PagesFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.require();
    fixture = new PagesFixture();
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Test
  void pageDrawsTheChartsAndTheTableWithoutErrors(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("sla.png");
    Chromium.Run run = chromium.screenshot(fixture.page(URL), png, 8000, 1280, 800);

    assertThat(run.consoleErrors()).isEmpty();
    if (Boolean.getBoolean(
        "sla.docs.screenshots")) { // -Dsla.docs.screenshots=true refreshes the docs' picture
      copyForDocs(png, "sla-report.png");
    }
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1280);
    // The chart row sits below the header and the figures; three charts of lines and bars.
    Set<Integer> colours = new HashSet<>();
    int coloured = 0;
    for (int y = 200; y < 480; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
          coloured++; // a saturated pixel: a series, not the page's greys
        }
      }
    }
    assertThat(colours).hasSizeGreaterThan(50);
    assertThat(coloured).as("saturated pixels in the chart area").isGreaterThan(2000);
  }

  @Test
  void domShowsTheReportAndNoScriptErrors() throws Exception {
    String dom = chromium.dumpDom(fixture.page(URL), 8000).stdout();

    assertThat(dom).contains("data-state=\"ready\"");
    assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
    assertThat(dom)
        .contains("<td>mastodon</td>", "<td>facebook</td>", "<td>x</td>", "<td>Total</td>");
    assertThat(dom).contains("<canvas"); // echarts drew, from the jar's own copy
    assertThat(dom).doesNotContain("token=" + PagesFixture.TOKEN); // taken out of the address
  }

  public static void copyForDocs(Path png, String name) throws Exception {
    Files.copy(png, Path.of("docs", name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
