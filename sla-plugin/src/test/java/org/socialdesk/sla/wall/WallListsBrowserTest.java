package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;
import org.socialdesk.sla.config.SlaWallConfig;
import org.socialdesk.sla.report.SlaReportPageBrowserTest;
import org.socialdesk.testkit.RecordingWebRegistry;
import org.socialdesk.testkit.TestingJetty;

/**
 * The wall's lists, times and layout in headless Chromium against the pages fixture (it is
 * 2026-03-13 15:00 UTC; a breach due 14:50; a burst of negative posts three minutes ago).
 */
class WallListsBrowserTest {

  private static final int BUDGET = 3000;

  /**
   * The fixture with a breach and a spike that is over, served with {@code extra} pages beside it;
   * the wall's stream is ended from the server 2 s after the page opened it (the browser's virtual
   * time stands still while a request is open), however long the browser took to get there.
   */
  private static <T> T onWall(SlaWallConfig settings, Map<String, HttpServlet> extra, Run<T> run)
      throws Exception {
    try (PagesFixture fixture = new PagesFixture(settings)) {
      fixture.breach("t4", PagesFixture.NOW.minusSeconds(600));
      fixture.clock().set(PagesFixture.NOW.minus(Duration.ofMinutes(3)));
      for (int i = 0; i < 6; i++) {
        fixture.routed(
            "s" + i,
            "x",
            "storm" + i,
            "Down again!",
            Sentiment.Label.NEGATIVE,
            Influence.Tier.LOW,
            PagesFixture.NOW.minus(Duration.ofMinutes(3)));
      }
      fixture.clock().set(PagesFixture.NOW);
      CountDownLatch opened = new CountDownLatch(1);
      Map<String, RecordingWebRegistry.Mount> mounts = new LinkedHashMap<>(fixture.mounts());
      HttpServlet stream = mounts.get("/api/wall/*").servlet();
      mounts.put(
          "/api/wall/*",
          new RecordingWebRegistry.Mount(
              new HttpServlet() {
                @Override
                protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                  opened.countDown();
                  stream.service(request, response);
                }
              },
              WebRegistry.Access.ADMIN));
      extra.forEach(
          (path, servlet) ->
              mounts.put(path, new RecordingWebRegistry.Mount(servlet, WebRegistry.Access.PUBLIC)));
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  if (opened.await(60, TimeUnit.SECONDS)) {
                    Thread.sleep(2000);
                  }
                } catch (InterruptedException e) {
                  return;
                }
                fixture.plugin.stop();
              });
      try (TestingJetty jetty = new TestingJetty(mounts)) {
        return run.on(path -> jetty.uri(path) + "#token=" + PagesFixture.TOKEN);
      }
    }
  }

  private static <T> T onWall(SlaWallConfig settings, Run<T> run) throws Exception {
    return onWall(settings, Map.of(), run);
  }

  private interface Run<T> {
    T on(java.util.function.Function<String, String> page) throws Exception;
  }

  private static String text(String dom) {
    return dom.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
  }

  @Test
  void incomingIsInPostingOrderAndTheWaitingListIsLedByWhatCanStillBeSaved() throws Exception {
    Chromium chromium = Chromium.require();
    String dom =
        onWall(
            SlaWallConfig.DEFAULTS,
            page -> chromium.dumpDom(page.apply("/wall/"), BUDGET).stdout());

    // Routed t1 (9 min ago), t2 (20), t3 (50), t4 (25): newest posted first.
    String posts = dom.substring(dom.indexOf("id=\"posts\""), dom.indexOf("id=\"clocks\""));
    assertThat(posts.indexOf("@angry_annie")).isLessThan(posts.indexOf("@sam@fosstodon.org"));
    assertThat(posts.indexOf("@sam@fosstodon.org")).isLessThan(posts.indexOf("@bigvoice"));
    assertThat(posts.indexOf("@bigvoice")).isLessThan(posts.indexOf("@Petra K."));
    // Still savable, soonest due first (t1 due 15:06, t3 15:10, t2 15:40), then t4, breached
    // ten minutes ago, before the days-old breaches.
    String clocks = text(dom.substring(dom.indexOf("id=\"clocks\""), dom.indexOf("id=\"alerts\"")));
    assertThat(clocks).startsWith("id=\"clocks\" class=\"clocks\"> #t1");
    assertThat(clocks.indexOf("#t1")).isLessThan(clocks.indexOf("#t3"));
    assertThat(clocks.indexOf("#t3")).isLessThan(clocks.indexOf("#t2"));
    assertThat(clocks.indexOf("#t2")).isLessThan(clocks.indexOf("Already breached"));
    assertThat(clocks.indexOf("Already breached")).isLessThan(clocks.indexOf("#t4"));
    assertThat(clocks.indexOf("#t4")).isLessThan(clocks.indexOf("#h"));
    assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
  }

  @Test
  void alertsSayTheirDateAndTheSpikeStaysInTheListAfterItsMinute() throws Exception {
    Chromium chromium = Chromium.require();
    String dom =
        onWall(
            SlaWallConfig.DEFAULTS,
            page -> chromium.dumpDom(page.apply("/wall/"), BUDGET).stdout());

    String alerts = text(dom.substring(dom.indexOf("id=\"alerts\"")));
    assertThat(alerts).contains("breach · first-response · due 2026-03-13 14:50 UTC", "Ticket #t4");
    assertThat(alerts)
        .contains(
            "spike · 2026-03-13 14:57 UTC", "6 negative posts in a minute (normal: 0 a minute)");
    assertThat(dom).contains("<div id=\"spike\" class=\"spike\" hidden=\"\">"); // banner gone
    assertThat(text(dom)).contains("Today is Fri 2026-03-13 in UTC · times in UTC");
  }

  @Test
  void datesTimesAndTodayAreInTheZoneTheAdminSetForTheWall() throws Exception {
    Chromium chromium = Chromium.require();
    String dom =
        onWall(
            new SlaWallConfig(false, "Pacific/Auckland"),
            page -> chromium.dumpDom(page.apply("/wall/"), BUDGET).stdout());

    String text = text(dom);
    // 15:00 UTC on Friday is 04:00 on Saturday in Auckland (NZDT, UTC+13).
    assertThat(text).contains("Today is Sat 2026-03-14 in Pacific/Auckland");
    assertThat(text).contains("due 2026-03-14 03:50 ");
    assertThat(text).doesNotContain("UTC");
  }

  /**
   * The measuring page: the wall's own page (its markup, styles and script, from /wall/) with a
   * script that, once the wall has drawn, writes its layout as JSON into the page. (A frame around
   * the wall cannot read it: the wall refuses to be framed.) Headless Chromium's window is at least
   * 500 px wide, so a narrower page is laid out at {@code width} inside it; the phone rules apply
   * from 760 px down, so they are the ones laid out.
   */
  private static String measured(int width) throws IOException {
    String wall;
    try (var in =
        WallListsBrowserTest.class.getResourceAsStream("/org/socialdesk/sla/web/wall/index.html")) {
      wall = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String script =
        """
        <script>
        setTimeout(() => {
          const box = (e) => { const r = e.getBoundingClientRect();
            return { left: r.left, right: r.right, top: r.top, width: r.width }; };
          const out = {
            width: document.documentElement.getBoundingClientRect().width,
            maxRight: Math.max(...[...document.body.querySelectorAll('*')].map((e) => box(e).right)),
            scrollWidth: document.documentElement.scrollWidth,
            scrollHeight: document.documentElement.scrollHeight,
            bodyOverflow: getComputedStyle(document.body).overflowY,
            sections: [...document.querySelectorAll('main section')].map((s) => Object.assign(box(s), {
              name: s.className, hiddenContent: getComputedStyle(s).overflowY === 'hidden'
                && s.scrollHeight > s.clientHeight + 1 })),
            headerRight: Math.max(...[...document.querySelectorAll('header *')].map((e) => box(e).right)),
            clipped: [...document.querySelectorAll('.text, .meta, .kpi, h1, .today, .left')]
              .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.className),
            items: document.querySelectorAll('#posts li, #clocks li, #alerts li').length,
          };
          const pre = document.createElement('pre');
          pre.id = 'measured';
          pre.textContent = JSON.stringify(out);
          document.body.append(pre);
        }, 2500);
        </script>
        """;
    String narrow = width < 500 ? "<style>html { width: " + width + "px; }</style>" : "";
    return wall.replace("<head>", "<head><base href=\"/wall/\">" + narrow)
        .replace("</body>", script + "</body>");
  }

  private static JsonNode layout(Chromium chromium, int width, int height) throws Exception {
    HttpServlet measure =
        new HttpServlet() {
          @Override
          protected void doGet(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            response.setContentType("text/html; charset=utf-8");
            response.getWriter().write(measured(width));
          }
        };
    return onWall(
        SlaWallConfig.DEFAULTS,
        Map.of("/measure", measure),
        page -> {
          Chromium.Run run =
              chromium.dumpDomAt(page.apply("/measure"), BUDGET, Math.max(500, width), height);
          String dom = run.stdout();
          java.nio.file.Files.writeString(
              Path.of("target", "wall-measure-" + width + ".txt"), dom + "\n" + run.stderr());
          String json = dom.substring(dom.indexOf("<pre id=\"measured\">") + 19);
          json = json.substring(0, json.indexOf("</pre>")).replace("&quot;", "\"");
          return new ObjectMapper().readTree(json);
        });
  }

  @Test
  void atPhoneWidthTheWallIsOneColumnThatScrollsWithNothingCutOff() throws Exception {
    JsonNode phone = layout(Chromium.require(), 390, 844);

    assertThat(phone.get("width").asDouble()).isEqualTo(390);
    assertThat(phone.get("items").asInt()).isGreaterThan(40);
    assertThat(phone.get("maxRight").asDouble()).isLessThanOrEqualTo(390); // no sideways scroll
    assertThat(phone.get("headerRight").asDouble()).isLessThanOrEqualTo(390);
    assertThat(phone.get("clipped")).isEmpty();
    for (JsonNode section : phone.get("sections")) {
      assertThat(section.get("width").asDouble()).as(section.toString()).isGreaterThan(340);
      assertThat(section.get("left").asDouble()).isGreaterThanOrEqualTo(0);
      assertThat(section.get("right").asDouble()).isLessThanOrEqualTo(390);
      assertThat(section.get("hiddenContent").asBoolean()).as(section.toString()).isFalse();
    }
    assertThat(phone.get("scrollHeight").asInt()).isGreaterThan(844);
    assertThat(phone.get("bodyOverflow").asText()).isNotEqualTo("hidden"); // it scrolls
    // On a phone the clocks and alerts come before the posts.
    assertThat(phone.get("sections").get(1).get("top").asDouble())
        .isLessThan(phone.get("sections").get(0).get("top").asDouble());
  }

  @Test
  void onTheRoomScreenTheThreeListsStandSideBySide() throws Exception {
    JsonNode room = layout(Chromium.require(), 1280, 800);

    assertThat(room.get("scrollWidth").asInt()).isLessThanOrEqualTo(1280);
    assertThat(room.get("maxRight").asDouble()).isLessThanOrEqualTo(1280);
    assertThat(room.get("clipped")).isEmpty();
    JsonNode sections = room.get("sections");
    assertThat(sections.get(0).get("top").asDouble())
        .isEqualTo(sections.get(1).get("top").asDouble())
        .isEqualTo(sections.get(2).get("top").asDouble());
    assertThat(sections.get(2).get("right").asDouble()).isLessThanOrEqualTo(1280);
  }

  /** Screenshots to look at (target/wall-*.png), copied to the docs with -Dsla.docs.screenshots. */
  @Test
  void theWallAtRoomAndPhoneSize() throws Exception {
    Chromium chromium = Chromium.require();
    for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
      Path png = Path.of("target", "wall-" + size[0] + "x" + size[1] + ".png");
      onWall(
          SlaWallConfig.DEFAULTS,
          page -> chromium.screenshot(page.apply("/wall/"), png, BUDGET, size[0], size[1]));
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(size[0]);
      if (Boolean.getBoolean("sla.docs.screenshots")) {
        SlaReportPageBrowserTest.copyForDocs(
            png, size[0] == 390 ? "sla-wall-phone.png" : "sla-wall.png");
      }
    }
  }
}
