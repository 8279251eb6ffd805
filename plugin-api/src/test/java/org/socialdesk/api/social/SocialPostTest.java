package org.socialdesk.api.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SocialPostTest {

  @Test
  void theQuotedPostKeyKeepsTheValueChannelsAlreadySet() {
    // A compiled plugin carries the constant's value, not a reference to it: the value may never
    // change.
    assertThat(SocialPost.QUOTED_POST_ID).isEqualTo("quotedPostId");
  }
}
