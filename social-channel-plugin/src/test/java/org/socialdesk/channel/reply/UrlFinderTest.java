package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UrlFinderTest {

  private static List<String> urls(String text) {
    return UrlFinder.find(text).stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  @Test
  void findsUrlsWithProtocolWithoutTrailingPunctuation() {
    assertThat(urls("See https://example.com/a?b=c&d=e#f, then http://x.org."))
        .containsExactly("https://example.com/a?b=c&d=e#f", "http://x.org");
  }

  @Test
  void findsBareDomainsLikeTwitterText() {
    assertThat(urls("example.com and www.shop.co.th and bit.ly/x and t.co"))
        .containsExactly("example.com", "www.shop.co.th", "bit.ly/x", "t.co");
  }

  @Test
  void skipsOneLabelCountryDomainsWithoutPathEmailsAndUnknownSuffixes() {
    assertThat(urls("example.th anna@example.com notes.txt example.community")).isEmpty();
  }

  @Test
  void endsAUrlWhereThaiOrCjkTextBegins() {
    assertThat(urls("ดูที่ https://example.com/helpขอบคุณ"))
        .containsExactly("https://example.com/help");
    assertThat(urls("请访问https://example.com。")).containsExactly("https://example.com");
  }
}
