package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.SettableClock;

/** The bundled sample file: every line a valid post, with the mix the README promises. */
class SamplePostsTest {

  static final String RESOURCE = "org/socialdesk/channel/sandbox/sample-posts.jsonl";

  private static final List<SocialPost> posts = new ArrayList<>();

  @BeforeAll
  static void readEveryLine() throws Exception {
    SandboxPostReader reader =
        new SandboxPostReader(new SettableClock(Instant.parse("2026-11-23T00:00:00Z")));
    for (String line : lines()) {
      posts.add(reader.post(line.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void holdsAboutFortyPostsWithDistinctIdsAllBeforeTheTwentyThird() {
    assertThat(posts).hasSize(40);
    assertThat(posts).extracting(post -> post.key().postId()).doesNotHaveDuplicates();
    assertThat(posts)
        .allSatisfy(
            post -> assertThat(post.postedAt()).isBefore(Instant.parse("2026-11-23T00:00:00Z")));
  }

  @Test
  void answersOnlyEarlierPostsOfTheSameConversation() {
    Map<String, SocialPost> byId = new HashMap<>();
    posts.forEach(post -> byId.put(post.key().postId(), post));

    List<SocialPost> replies = posts.stream().filter(post -> post.inReplyToId() != null).toList();

    assertThat(replies).hasSizeGreaterThanOrEqualTo(5);
    assertThat(replies)
        .allSatisfy(
            reply -> {
              SocialPost answered = byId.get(reply.inReplyToId());
              assertThat(answered).isNotNull();
              assertThat(answered.conversationId()).isEqualTo(reply.conversationId());
              assertThat(answered.postedAt()).isBefore(reply.postedAt());
            });
  }

  @Test
  void includesPrivateMessagesAndAVerifiedJournalist() {
    assertThat(posts)
        .filteredOn(post -> post.visibility() == Visibility.PRIVATE)
        .hasSizeBetween(1, 3);
    assertThat(posts)
        .anySatisfy(
            post -> {
              assertThat(post.author().followers()).isEqualTo(250_000);
              assertThat(post.author().verified()).isTrue();
            });
  }

  @Test
  void spreadsOverTheScriptsOfItsLanguages() {
    String all = String.join("\n", posts.stream().map(SocialPost::text).toList());

    assertThat(all)
        .containsPattern("\\p{IsThai}")
        .containsPattern("\\p{IsArabic}") // Persian and Arabic
        .contains("¿Puedo", "Erstattung", "préparation", "errado");
  }

  private static List<String> lines() throws IOException {
    try (InputStream in = SamplePostsTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      assertThat(in).as(RESOURCE).isNotNull();
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .filter(line -> !line.isBlank())
          .toList();
    }
  }
}
