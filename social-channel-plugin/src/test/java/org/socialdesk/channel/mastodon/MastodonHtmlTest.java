package org.socialdesk.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MastodonHtmlTest {

  private static final Map<String, String> MENTIONS =
      Map.of(
          "https://brand.example/@brand", "brand@brand.example",
          "https://pl.nulled.red/users/disarray", "disarray@pl.nulled.red");

  @Test
  void turnsMentionLinksIntoFullHandles() {
    String html =
        "<p><span class=\"h-card\" translate=\"no\"><a href=\"https://brand.example/@brand\" class=\"u-url mention\">"
            + "@<span>brand</span></a></span> <span class=\"h-card\"><a class=\"u-url mention\" "
            + "href=\"https://pl.nulled.red/users/disarray\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">@<span>disarray</span></a>"
            + "</span> where is my parcel?</p>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("@brand@brand.example @disarray@pl.nulled.red where is my parcel?");
  }

  @Test
  void takesAnUnlistedMentionsHandleFromItsProfileUrl() {
    String html =
        "<p><a href=\"https://other.example/@kim\" class=\"u-url mention\">@<span>kim</span></a> hi</p>";

    assertThat(MastodonHtml.toText(html, Map.of())).isEqualTo("@kim@other.example hi");
  }

  @Test
  void turnsLinksIntoTheirHrefAndKeepsHashtagsAsText() {
    String html =
        "<p>Tracking: <a href=\"https://parcels.example.com/track/ABC123456789\" target=\"_blank\" "
            + "rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span>"
            + "<span class=\"ellipsis\">parcels.example.com/track/ABC12</span><span class=\"invisible\">3456789</span></a> "
            + "<a href=\"https://brand.example/tags/help\" class=\"mention hashtag\" rel=\"tag\">#<span>help</span></a></p>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("Tracking: https://parcels.example.com/track/ABC123456789 #help");
  }

  @Test
  void keepsALinksOwnTextWithTheHrefAfterIt() {
    String html = "<p>see <a href=\"https://shop.example/orders/7\">my order</a></p>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("see my order (https://shop.example/orders/7)");
  }

  @Test
  void breaksLinesAtBrAndSeparatesParagraphsWithAnEmptyLine() {
    String html = "<p>First line<br>second line<br />third</p><p>Next paragraph</p>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("First line\nsecond line\nthird\n\nNext paragraph");
  }

  @Test
  void decodesEntitiesAndLeavesNoTags() {
    String html =
        "<p>5 &lt; 6 &amp;&amp; &quot;quoted&quot; &#39;single&#39; caf&eacute; &#x1F600; <b>bold</b> <em>it</em></p>";

    String text = MastodonHtml.toText(html, MENTIONS);

    assertThat(text).isEqualTo("5 < 6 && \"quoted\" 'single' café \uD83D\uDE00 bold it");
    assertThat(text).doesNotContain("<b>", "</em>", "&amp;", "&lt;");
  }

  @Test
  void leavesEmojiShortcodesAsTextAndImagesAsTheirAltText() {
    String html =
        "<p>thanks :blobcat_heart: <img src=\"https://x.example/e.png\" alt=\":misskey_emoji:\" class=\"emoji\"></p>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("thanks :blobcat_heart: :misskey_emoji:");
  }

  @Test
  void collapsesSourceWhitespaceAndTrimsLines() {
    String html = "<p>  spaced \n   out  <br>  next\tline  </p>\n\n<p>\n</p>";

    assertThat(MastodonHtml.toText(html, MENTIONS)).isEqualTo("spaced out\nnext line");
  }

  @Test
  void writesListItemsAndQuotesFromOtherServersAsLines() {
    String html =
        "<p>Steps:</p><ul><li>unplug</li><li>wait</li></ul><blockquote><p>quoted text</p></blockquote>";

    assertThat(MastodonHtml.toText(html, MENTIONS))
        .isEqualTo("Steps:\n\n- unplug\n- wait\n\nquoted text");
  }

  @Test
  void readsEmptyContentAsEmptyText() {
    assertThat(MastodonHtml.toText("", MENTIONS)).isEmpty();
    assertThat(MastodonHtml.toText(null, MENTIONS)).isEmpty();
  }
}
