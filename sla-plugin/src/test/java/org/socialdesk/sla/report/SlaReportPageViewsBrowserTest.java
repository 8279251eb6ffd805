package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;

/**
 * What a manager reads on /sla/ (headless Chromium against the fixture): day charts on a time axis
 * over the whole period, first-response times in a unit that fits them, business time said as such,
 * a "no data" state for an empty period, ISO dates in the fields whatever the browser's locale, and
 * a page that fits a phone (390x844).
 */
public class SlaReportPageViewsBrowserTest {

  private static Chromium chromium;
  private static PagesFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    chromium = Chromium.require();
    fixture = new PagesFixture();
    // 2025-06-10: one conversation nine months before the fixture's two weeks of March 2026.
    conversation("g1", Instant.parse("2025-06-10T09:00:00Z"), Duration.ofMinutes(20));
    // 2025-11-05: answered after five hours; 2025-11-20: after 40 seconds.
    conversation("slow", Instant.parse("2025-11-05T09:00:00Z"), Duration.ofHours(5));
    conversation("quick", Instant.parse("2025-11-20T09:00:00Z"), Duration.ofSeconds(40));
  }

  private static void conversation(String ticket, Instant at, Duration answeredAfter) {
    fixture.routed(
        ticket,
        "x",
        "someone",
        "Where is my order?",
        Sentiment.Label.NEUTRAL,
        Influence.Tier.LOW,
        at);
    fixture.replied(ticket, "x", "alice", at.plus(answeredAfter));
  }

  @AfterAll
  static void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private static String dom(String pathAndQuery) throws Exception {
    String dom = chromium.dumpDom(fixture.page(pathAndQuery), 8000).stdout();
    assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
    return dom;
  }

  /** The aria-label Chromium serialized for a chart, which says what the chart shows. */
  private static String chartLabel(String dom, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*aria-label=\"([^\"]*)\"").matcher(dom);
    assertThat(m.find()).as("aria-label of " + id).isTrue();
    return m.group(1);
  }

  @Test
  void dayChartsPutEveryDayOfThePeriodOnATimeAxisSoEmptyDaysShow() throws Exception {
    // 20 days; conversations on 2 to 13 March only.
    String dom = dom("/sla/?from=2026-03-01&to=2026-03-20&groupBy=channel");

    assertThat(chartLabel(dom, "chart-rate"))
        .isEqualTo(
            "Response rate by day, 2026-03-01 to 2026-03-20 (days in UTC): 20 days on a time axis,"
                + " 8 without conversations");
    assertThat(chartLabel(dom, "chart-time")).contains("20 days on a time axis");
  }

  /** A screenshot at 1280x800 without console errors, copied to docs/ when asked to. */
  private static void screenshot(Path dir, String pathAndQuery, String docsName) throws Exception {
    Path png = dir.resolve(docsName);
    Chromium.Run run = chromium.screenshot(fixture.page(pathAndQuery), png, 8000, 1280, 800);
    assertThat(run.consoleErrors()).isEmpty();
    if (Boolean.getBoolean("sla.docs.screenshots")) {
      SlaReportPageBrowserTest.copyForDocs(png, docsName);
    }
  }

  @Test
  void aGapOfMonthsIsMonthsWideNotOneStep(@TempDir Path dir) throws Exception {
    String dom = dom("/sla/?from=2025-06-01&to=2026-03-13&groupBy=day");
    screenshot(dir, "/sla/?from=2025-06-01&to=2026-03-13&groupBy=day", "sla-report-gap.png");

    // 286 days from 1 June 2025 to 13 March 2026: conversations on 3 of them before March, on 12
    // in March.
    assertThat(chartLabel(dom, "chart-rate"))
        .isEqualTo(
            "Response rate by day, 2025-06-01 to 2026-03-13 (days in UTC): 286 days on a time"
                + " axis, 271 without conversations");
  }

  @Test
  void firstResponseTimesAreInTheUnitThatFitsTheirValues() throws Exception {
    assertThat(chartLabel(dom("/sla/?from=2025-11-05&to=2025-11-05"), "chart-time"))
        .startsWith("First-response time by day in business hours");
    assertThat(chartLabel(dom("/sla/?from=2026-03-02&to=2026-03-13"), "chart-time"))
        .startsWith("First-response time by day in business minutes");
    assertThat(chartLabel(dom("/sla/?from=2025-11-20&to=2025-11-20"), "chart-time"))
        .startsWith("First-response time by day in business seconds");
  }

  @Test
  void firstResponseColumnsAndChartSayTheyAreBusinessTime() throws Exception {
    String dom = dom("/sla/?from=2026-03-02&to=2026-03-13");

    assertThat(dom)
        .contains(
            "<th colspan=\"3\" class=\"group\">First response <span class=\"business\">business"
                + " time</span></th>",
            "First-response time by day <span class=\"business\">business time</span>",
            "Median first response (business time)",
            "Business time counts only the open hours");
  }

  @Test
  void anEmptyPeriodSaysThereIsNoData(@TempDir Path dir) throws Exception {
    String dom = dom("/sla/?from=2025-01-01&to=2025-01-31&groupBy=channel");
    screenshot(dir, "/sla/?from=2025-01-01&to=2025-01-31&groupBy=channel", "sla-report-empty.png");

    assertThat(dom).contains("data-state=\"empty\"");
    assertThat(dom)
        .contains(
            "No data for 2025-01-01 to 2025-01-31 (days in UTC, both included): no conversation"
                + " started in this period.",
            "<td colspan=\"9\" class=\"no-data\">No data: no conversation started in this"
                + " period.</td>");
  }

  @Test
  void theDateFieldsAreIsoTextWhateverTheBrowsersLocale(@TempDir Path dir) throws Exception {
    String dom = dom("/sla/?from=2026-03-02&to=2026-03-13");

    assertThat(dom)
        .contains(
            "<input type=\"text\" id=\"from\" name=\"from\" inputmode=\"numeric\""
                + " pattern=\"\\d{4}-\\d{2}-\\d{2}\" placeholder=\"YYYY-MM-DD\"")
        .contains("From 2026-03-02 to 2026-03-13 (days in UTC, both included).");
    assertThat(dom).doesNotContain("type=\"date\" id=\"from\" name=\"from\"");
    // A German browser: the fields still read 2026-03-02 (looked at in the screenshot).
    Path png = dir.resolve("de.png");
    Chromium.Run run =
        chromium.screenshotWith(
            fixture.page("/sla/?from=2026-03-02&to=2026-03-13"),
            png,
            8000,
            1280,
            800,
            "--lang=de-DE");
    assertThat(run.consoleErrors()).isEmpty();
    if (Boolean.getBoolean("sla.docs.screenshots")) {
      SlaReportPageBrowserTest.copyForDocs(png, "sla-report-de.png");
    }
  }

  @Test
  void aDateNotWrittenAsAnIsoDateIsRefusedOnThePageSayingHow() throws Exception {
    String dom = dom("/sla/?from=02.03.2026&to=2026-03-13");

    assertThat(dom).contains("data-state=\"error\"");
    assertThat(dom)
        .contains("from must be a date written YYYY-MM-DD, e.g. 2026-03-01; got \"02.03.2026\"");
  }

  @Test
  void theReportFitsAPhone(@TempDir Path dir) throws Exception {
    String dom =
        chromium
            .dumpDomAt(fixture.page("/sla/?from=2026-03-02&to=2026-03-13"), 8000, 390, 844)
            .stdout();
    Matcher canvas =
        Pattern.compile("id=\"chart-rate\".*?<canvas[^>]*width=\"(\\d+)\"").matcher(dom);
    assertThat(canvas.find()).isTrue();
    // One chart per row: as wide as the screen less the margins, not a third of it.
    assertThat(Integer.parseInt(canvas.group(1))).isGreaterThan(300);

    Path png = dir.resolve("phone.png");
    Chromium.Run run =
        chromium.screenshot(
            fixture.page("/sla/?from=2026-03-02&to=2026-03-13"), png, 8000, 390, 844);
    assertThat(run.consoleErrors()).isEmpty();
    if (Boolean.getBoolean("sla.docs.screenshots")) {
      SlaReportPageBrowserTest.copyForDocs(png, "sla-report-phone.png");
    }
    // The whole page at the phone's width (a taller window, so the table is in the picture too).
    Path tall = dir.resolve("phone-tall.png");
    chromium.screenshot(fixture.page("/sla/?from=2026-03-02&to=2026-03-13"), tall, 8000, 390, 2000);
    if (Boolean.getBoolean("sla.docs.screenshots")) {
      SlaReportPageBrowserTest.copyForDocs(tall, "sla-report-phone-whole.png");
    }
    BufferedImage image = ImageIO.read(tall.toFile());
    assertThat(image.getWidth()).isEqualTo(390);
    // Nothing runs off the right edge: below the header, the last pixels of every row are the
    // page's background, not a card, a chart or the table cut off.
    int background = 0xf5f6f8;
    int headerBottom = 0;
    while (headerBottom < image.getHeight()
        && (image.getRGB(2, headerBottom) & 0xffffff) != background) {
      headerBottom++;
    }
    assertThat(headerBottom).as("the header ends").isLessThan(400);
    for (int y = headerBottom; y < image.getHeight(); y++) {
      for (int x = 386; x < 390; x++) {
        assertThat(image.getRGB(x, y) & 0xffffff).as("pixel " + x + "," + y).isEqualTo(background);
      }
    }
  }

  @Test
  void thePageHasItsOwnIconSoTheBrowserAsksNothingElse() throws Exception {
    assertThat(dom("/sla/?from=2026-03-02&to=2026-03-13"))
        .contains("<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">");
    HttpResponse<String> icon =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        java.net.URI.create(fixture.page("/sla/icon.svg").replaceAll("#.*", "")))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(icon.statusCode()).isEqualTo(200);
    assertThat(icon.headers().firstValue("content-type")).hasValue("image/svg+xml");
    assertThat(icon.body()).startsWith("<svg");
  }
}
