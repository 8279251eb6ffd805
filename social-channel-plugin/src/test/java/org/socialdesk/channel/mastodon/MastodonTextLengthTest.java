package org.socialdesk.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Visibility;

class MastodonTextLengthTest {

  private final MastodonTextLength length = new MastodonTextLength(500);

  @Test
  void countsCodePoints() {
    assertThat(length.length("Hello")).isEqualTo(5);
    assertThat(length.length("สวัสดีครับ")).isEqualTo(10);
    assertThat(length.length("\uD83D\uDE00\uD83D\uDE00")).isEqualTo(2);
  }

  @Test
  void countsAUrlAs23WhateverItsLength() {
    String url = "https://parcels.example.com/track/ABC123456789?lang=en&ref=socialdesk";

    assertThat(length.length("See " + url + ".")).isEqualTo(4 + 23 + 1);
    assertThat(length.length("http://a.io")).isEqualTo(23);
  }

  @Test
  void countsARemoteMentionWithoutItsDomain() {
    assertThat(length.length("@sam@remote.example thanks")).isEqualTo("@sam thanks".length());
    assertThat(length.length("@alice thanks")).isEqualTo(13);
  }

  @Test
  void doesNotTakeAnEmailAddressOrAProfileUrlForAMention() {
    assertThat(length.length("mail help@brand.example")).isEqualTo(23);
    assertThat(length.length("https://remote.example/@sam")).isEqualTo(23);
  }

  @Test
  void leavesRoomForTheMentionThePublisherAdds() {
    assertThat(length.maxLength(Visibility.PUBLIC)).isEqualTo(500 - 32);
    assertThat(length.maxLength(Visibility.PRIVATE)).isEqualTo(500 - 32);
    assertThat(new MastodonTextLength(11_000).maxLength(Visibility.PUBLIC)).isEqualTo(10_968);
  }
}
