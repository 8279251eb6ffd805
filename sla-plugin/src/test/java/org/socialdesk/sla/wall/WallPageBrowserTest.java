package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.Chromium;
import org.socialdesk.sla.PagesFixture;
import org.socialdesk.sla.config.SlaWallConfig;
import org.socialdesk.sla.report.SlaReportPageBrowserTest;

/**
 * The wall at /wall/ in headless Chromium: events published on the bus show, coloured by sentiment.
 */
class WallPageBrowserTest {

  @Test
  void postsAndClocksShowColouredBySentiment() throws Exception {
    Chromium chromium = Chromium.require();
    try (PagesFixture fixture = new PagesFixture()) {
      fixture.routed(
          "w1",
          "x",
          "furious_fred",
          "Charged twice this month!",
          Sentiment.Label.NEGATIVE,
          Influence.Tier.VIP,
          PagesFixture.NOW.minusSeconds(30));
      fixture.breach("h3-2", PagesFixture.NOW.minusSeconds(600));
      // The stream never ends by itself: end it from the server so the browser's budget can run
      // out.
      fixture.stopTheWallOnceOpened();
      // The docs' pictures of the wall: WallListsBrowserTest.theWallAtRoomAndPhoneSize.
      String dom = chromium.dumpDom(fixture.page("/wall/"), 3000).stdout();

      assertThat(dom).contains("<li class=\"post sentiment-negative\" data-sentiment=\"negative\"");
      assertThat(dom).contains("@furious_fred", "Charged twice this month!", "tier tier-vip");
      assertThat(dom).contains("post sentiment-positive", "clock state-");
      assertThat(dom).contains("alert level-breach");
      assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
    }
  }

  private static final String DM_TEXT =
      "My card ending 4242 was charged twice, refund to Rua Augusta 12";

  /**
   * The wall of a fixture with one private message from quiet_quinn, ended from the server 2 s
   * after the page opened it.
   */
  private static <T> T onWallWithADirectMessage(SlaWallConfig settings, WallRun<T> run)
      throws Exception {
    try (PagesFixture fixture = new PagesFixture(settings)) {
      fixture.routed(
          "dm1",
          "x",
          "quiet_quinn",
          DM_TEXT,
          Sentiment.Label.NEGATIVE,
          Influence.Tier.LOW,
          PagesFixture.NOW.minusSeconds(20),
          Visibility.PRIVATE);
      fixture.stopTheWallOnceOpened();
      return run.on(fixture.page("/wall/"));
    }
  }

  private interface WallRun<T> {
    T on(String url) throws Exception;
  }

  @Test
  void aPrivateMessageIsMarkedAndItsTextHiddenOnTheWall() throws Exception {
    Chromium chromium = Chromium.require();
    String dom =
        onWallWithADirectMessage(
            SlaWallConfig.DEFAULTS, url -> chromium.dumpDom(url, 3000).stdout());

    assertThat(dom)
        .contains(
            "<li class=\"post sentiment-negative private\"",
            "@quiet_quinn",
            "<span class=\"private-badge\">private message</span>",
            "Text hidden on the wall");
    assertThat(dom).doesNotContain("4242", "Rua Augusta");
    assertThat(dom).contains("Third day without internet"); // public posts keep their text
    assertThat(dom).contains("<pre id=\"js-errors\" class=\"js-errors\" hidden=\"\"></pre>");
  }

  @Test
  void aPrivateMessagesTextShowsMarkedWhenTheAdminAllowsIt() throws Exception {
    Chromium chromium = Chromium.require();
    String dom =
        onWallWithADirectMessage(
            new SlaWallConfig(true), url -> chromium.dumpDom(url, 3000).stdout());

    assertThat(dom)
        .contains(
            "<li class=\"post sentiment-negative private\"", "private message</span>", DM_TEXT);
    assertThat(dom).doesNotContain("Text hidden on the wall");
  }

  /**
   * Screenshots to look at (target/wall-private-*.png): the mark and the hidden text, on a wall and
   * on a phone.
   */
  @Test
  void aPrivateMessageOnTheWallAtRoomAndPhoneWidth() throws Exception {
    Chromium chromium = Chromium.require();
    for (int[] size : new int[][] {{1280, 800}, {390, 844}}) {
      Path png = Path.of("target", "wall-private-" + size[0] + "x" + size[1] + ".png");
      onWallWithADirectMessage(
          SlaWallConfig.DEFAULTS, url -> chromium.screenshot(url, png, 3000, size[0], size[1]));
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(size[0]);
      assertThat(image.getHeight()).isEqualTo(size[1]);
      if (Boolean.getBoolean("sla.docs.screenshots")) {
        SlaReportPageBrowserTest.copyForDocs(
            png, size[0] == 390 ? "sla-wall-private-phone.png" : "sla-wall-private.png");
      }
    }
  }
}
