package org.socialdesk.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.SettableClock;

class MastodonStatusReaderTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final MastodonStatusReader reader =
      new MastodonStatusReader("brand.example", new SettableClock(NOW));

  @Test
  void readsAPublicMentionAsAPostThatIsItsOwnConversation() {
    ObjectNode status = MastodonJson.mentionStatus("113");

    SocialPost post = reader.post(status);

    assertThat(post.key()).isEqualTo(new PostKey("mastodon", "113"));
    assertThat(post.conversationId()).isEqualTo("113");
    assertThat(post.inReplyToId()).isNull();
    assertThat(post.author())
        .isEqualTo(
            new Author(
                "mastodon",
                "108892712797543112",
                "sam@remote.example",
                "Display sam",
                37,
                false,
                0,
                Instant.parse("2022-08-27T00:00:00Z")));
    assertThat(post.text()).isEqualTo("@brand@brand.example my order 113 is late");
    assertThat(post.postedAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123Z"));
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(post.url()).isEqualTo(URI.create("https://remote.example/@sam/113"));
    assertThat(post.engagement()).isEqualTo(new Engagement(5, 3, 2, 0));
    assertThat(post.attributes())
        .isEqualTo(Map.of("mastodonVisibility", "public", "language", "en"));
  }

  @Test
  void aReplyBelongsToTheConversationOfTheStatusItAnswers() {
    ObjectNode status = MastodonJson.mentionStatus("120");
    status.put("in_reply_to_id", "118");
    status.put("in_reply_to_account_id", MastodonJson.BRAND_ID);

    SocialPost post = reader.post(status);

    assertThat(post.conversationId()).isEqualTo("118");
    assertThat(post.inReplyToId()).isEqualTo("118");
  }

  @Test
  void aDirectStatusIsPrivateAndKeepsItsMastodonVisibility() {
    ObjectNode status = MastodonJson.mentionStatus("121");
    status.put("visibility", "direct");

    SocialPost post = reader.post(status);

    assertThat(post.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(post.attributes()).containsEntry("mastodonVisibility", "direct");
  }

  @Test
  void unlistedAndFollowersOnlyStatusesArePublicPostsWithTheirVisibilityKept() {
    for (String visibility : new String[] {"unlisted", "private"}) {
      ObjectNode status = MastodonJson.mentionStatus("122");
      status.put("visibility", visibility);

      SocialPost post = reader.post(status);

      assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
      assertThat(post.attributes()).containsEntry("mastodonVisibility", visibility);
    }
  }

  @Test
  void aProfileFieldWithVerifiedAtMakesTheAuthorVerified() {
    ObjectNode status = MastodonJson.mentionStatus("123");
    ((ObjectNode) status.path("account"))
        .withArray("fields")
        .addObject()
        .put("name", "Website")
        .put("value", "<a href=\"https://sam.example\">sam.example</a>")
        .put("verified_at", "2024-01-01T00:00:00.000Z");
    ((ObjectNode) status.path("account")).put("display_name", "");

    Author author = reader.post(status).author();

    assertThat(author.verified()).isTrue();
    assertThat(author.displayName()).isEqualTo("sam@remote.example");
  }

  @Test
  void aLocalAuthorGetsTheInstanceAsDomain() {
    ObjectNode status =
        MastodonJson.status("124", MastodonJson.account("55", "alice"), "<p>hi</p>");

    assertThat(reader.post(status).author().handle()).isEqualTo("alice@brand.example");
  }

  @Test
  void putsTheContentWarningFirst() {
    ObjectNode status =
        MastodonJson.status("125", MastodonJson.customer(), "<p>The charger melted</p>");
    status.put("spoiler_text", "product safety");

    assertThat(reader.post(status).text()).isEqualTo("CW: product safety\n\nThe charger melted");
  }

  @Test
  void keepsTheQuotedStatusForTheRouter() {
    ObjectNode status = MastodonJson.mentionStatus("126");
    status.putObject("quote").put("state", "accepted").putObject("quoted_status").put("id", "99");

    assertThat(reader.post(status).attributes()).containsEntry("quotedPostId", "99");
  }

  @Test
  void readsAnEditWithItsNewTextAndTime() {
    ObjectNode status =
        MastodonJson.status("127", MastodonJson.customer(), "<p>edited: order 42</p>");
    status.put("edited_at", "2026-11-23T11:00:00.000Z");

    InboundEvent.PostEdited edit = reader.edit(status);

    assertThat(edit)
        .isEqualTo(
            new InboundEvent.PostEdited(
                new PostKey("mastodon", "127"),
                "edited: order 42",
                Instant.parse("2026-11-23T11:00:00Z")));
  }

  @Test
  void refusesAStatusWithoutIdOrTime() {
    ObjectNode noId = MastodonJson.mentionStatus("128");
    noId.remove("id");
    ObjectNode badTime = MastodonJson.mentionStatus("129");
    badTime.put("created_at", "yesterday");

    assertThatThrownBy(() -> reader.post(noId))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id");
    assertThatThrownBy(() -> reader.post(badTime))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("created_at");
  }
}
