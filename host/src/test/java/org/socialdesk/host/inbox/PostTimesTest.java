package org.socialdesk.host.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

class PostTimesTest {

  private static final Instant RECEIVED = Instant.parse("2026-12-03T10:00:00Z");

  @Test
  void aPostFrom2099IsDatedAtReceiptAndKeepsTheNetworksTime() {
    InboundEvent sane =
        PostTimes.sane(
            new InboundEvent.NewPost(post(Instant.parse("2099-06-01T00:00:00Z"))), RECEIVED);

    SocialPost post = ((InboundEvent.NewPost) sane).post();
    assertThat(post.postedAt()).isEqualTo(RECEIVED);
    assertThat(post.attributes())
        .containsEntry(PostTimes.NETWORK_TIME, "2099-06-01T00:00:00Z")
        .containsEntry("lang", "en");
    assertThat(PostTimes.note(post))
        .contains("2099-06-01T00:00:00Z")
        .contains("the time of receipt was used");
  }

  @Test
  void aSanePostIsLeftAsItIs() {
    InboundEvent event = new InboundEvent.NewPost(post(RECEIVED.minusSeconds(3600)));

    assertThat(PostTimes.sane(event, RECEIVED)).isSameAs(event);
    assertThat(PostTimes.note(((InboundEvent.NewPost) event).post())).isEmpty();
  }

  @Test
  void editsAndDeletionsFromImpossibleTimesAreDatedAtReceipt() {
    PostKey key = new PostKey("sandbox", "1");

    assertThat(PostTimes.sane(new InboundEvent.PostEdited(key, "new", Instant.MIN), RECEIVED))
        .isEqualTo(new InboundEvent.PostEdited(key, "new", RECEIVED));
    assertThat(
            PostTimes.sane(
                new InboundEvent.PostDeleted(key, Instant.parse("0001-01-01T00:00:00Z")), RECEIVED))
        .isEqualTo(new InboundEvent.PostDeleted(key, RECEIVED));
  }

  private static SocialPost post(Instant postedAt) {
    return new SocialPost(
        new PostKey("sandbox", "1"),
        "1",
        null,
        Author.of("sandbox", "alice", "alice"),
        "hello",
        postedAt,
        Visibility.PUBLIC,
        null,
        Engagement.NONE,
        Map.of("lang", "en"));
  }
}
