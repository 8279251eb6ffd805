package org.socialdesk.channel.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

class TokenSealTest {

  private static final TokenOwner OWNER =
      new TokenOwner("x", "x_oauth_token", "brand_user_id", "plugins.social-channel.x.oauth2");

  private final TokenSeal seal = TokenSeal.forSeed(OWNER, "1001", Secret.of("seed-refresh"));

  @Test
  void aSealedValueOpensWithTheSameSeedAndShowsNothingInClear() throws Exception {
    String sealed = seal.seal("refresh_token", Secret.of("refresh-42"));

    assertThat(sealed).startsWith(TokenSeal.PREFIX).doesNotContain("refresh-42");
    assertThat(
            TokenSeal.forSeed(OWNER, "1001", Secret.of("seed-refresh"))
                .open("refresh_token", sealed))
        .isEqualTo(Secret.of("refresh-42"));
    assertThat(seal.seal("refresh_token", Secret.of("refresh-42")))
        .as("a fresh IV each time")
        .isNotEqualTo(sealed);
  }

  @Test
  void anotherSeedAnotherAccountOrAnotherColumnDoesNotOpenIt() {
    String sealed = seal.seal("refresh_token", Secret.of("refresh-42"));

    assertThatThrownBy(
            () ->
                TokenSeal.forSeed(OWNER, "1001", Secret.of("other-seed"))
                    .open("refresh_token", sealed))
        .isInstanceOf(TokenUnavailable.class)
        .hasMessageContaining("plugins.social-channel.x.oauth2.refresh-token");
    assertThatThrownBy(
            () ->
                TokenSeal.forSeed(OWNER, "1002", Secret.of("seed-refresh"))
                    .open("refresh_token", sealed))
        .isInstanceOf(TokenUnavailable.class);
    assertThatThrownBy(() -> seal.open("access_token", sealed))
        .isInstanceOf(TokenUnavailable.class);
  }

  @Test
  void anAlteredValueDoesNotOpen() {
    String sealed = seal.seal("access_token", Secret.of("access-1"));
    char last = sealed.charAt(sealed.length() - 3);
    String altered =
        sealed.substring(0, sealed.length() - 3)
            + (last == 'A' ? 'B' : 'A')
            + sealed.substring(sealed.length() - 2);

    assertThatThrownBy(() -> seal.open("access_token", altered))
        .isInstanceOf(TokenUnavailable.class);
  }

  @Test
  void aValueStoredInClearByAnEarlierVersionIsReadAsItIsAndNullStaysNull() throws Exception {
    assertThat(seal.open("refresh_token", "refresh-7")).isEqualTo(Secret.of("refresh-7"));
    assertThat(seal.open("access_token", null)).isNull();
    assertThat(seal.seal("access_token", null)).isNull();
  }
}
