package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.testkit.SettableClock;

class SandboxPostReaderTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final SandboxPostReader reader = new SandboxPostReader(new SettableClock(NOW));

  @Test
  void readsEveryFieldOfAPost() throws Exception {
    SocialPost post =
        reader.post(
            bytes(
                """
        {"id": "p-2", "conversationId": "p-1", "inReplyToId": "p-1",
         "author": {"handle": "alice", "displayName": "Alice", "followers": 1200, "verified": true,
                    "listedCount": 7, "accountCreated": "2019-03-01T00:00:00Z"},
         "text": "Still waiting for my refund", "createdAt": "2026-11-23T10:15:00+01:00", "visibility": "public"}
        """));

    assertThat(post.key()).isEqualTo(new PostKey("sandbox", "p-2"));
    assertThat(post.conversationId()).isEqualTo("p-1");
    assertThat(post.inReplyToId()).isEqualTo("p-1");
    assertThat(post.author())
        .isEqualTo(
            new Author(
                "sandbox",
                "alice",
                "alice",
                "Alice",
                1200,
                true,
                7,
                Instant.parse("2019-03-01T00:00:00Z")));
    assertThat(post.text()).isEqualTo("Still waiting for my refund");
    assertThat(post.postedAt()).isEqualTo(Instant.parse("2026-11-23T09:15:00Z"));
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(post.url()).isEqualTo(URI.create("sandbox://alice/p-2"));
    assertThat(post.engagement()).isEqualTo(Engagement.NONE);
    assertThat(post.attributes()).isEmpty();
  }

  @Test
  void defaultsToANewPublicThreadPostedNowByAnAuthorKnownOnlyByHandle() throws Exception {
    SocialPost post =
        reader.post(
            bytes("{\"id\": \"p-1\", \"author\": {\"handle\": \"bob\"}, \"text\": \"hi\"}"));

    assertThat(post.conversationId()).isEqualTo("p-1");
    assertThat(post.inReplyToId()).isNull();
    assertThat(post.author()).isEqualTo(Author.of("sandbox", "bob", "bob"));
    assertThat(post.postedAt()).isEqualTo(NOW);
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
  }

  @Test
  void readsAPrivateMessageFromEitherFieldAndGivesItNoUrl() throws Exception {
    SocialPost byFlag = reader.post(bytes(post("\"private\": true")));
    SocialPost byName = reader.post(bytes(post("\"visibility\": \"private\"")));
    SocialPost byBoth = reader.post(bytes(post("\"visibility\": \"private\", \"private\": true")));

    assertThat(Stream.of(byFlag, byName, byBoth))
        .allSatisfy(
            post -> {
              assertThat(post.visibility()).isEqualTo(Visibility.PRIVATE);
              assertThat(post.url()).isNull();
            });
    assertThat(reader.post(bytes(post("\"private\": false"))).visibility())
        .isEqualTo(Visibility.PUBLIC);
  }

  @Test
  void acceptsATimestampUpToFiveMinutesAheadOfTheClock() throws Exception {
    SocialPost post = reader.post(bytes(post("\"createdAt\": \"2026-11-23T12:05:00Z\"")));

    assertThat(post.postedAt()).isEqualTo(NOW.plusSeconds(300));
  }

  static Stream<Arguments> invalidPosts() {
    return Stream.of(
        Arguments.of("{\"author\": {\"handle\": \"a\"}, \"text\": \"t\"}", "id", "id is required"),
        Arguments.of(
            post("\"id\": \"  \"").replace("\"id\": \"p-1\", ", ""), "id", "id must not be blank"),
        Arguments.of(
            "{\"id\": 42, \"author\": {\"handle\": \"a\"}, \"text\": \"t\"}",
            "id",
            "id must be a string"),
        Arguments.of(
            "{\"id\": \"a/b\", \"author\": {\"handle\": \"a\"}, \"text\": \"t\"}",
            "id",
            "id may hold only"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}}", "text", "text is required"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}, \"text\": \" \\n\"}",
            "text",
            "text must not be blank"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}, \"text\": \"\\u00a0\\u200b\\u3000\\ufeff\\u2060\"}",
            "text",
            "text must not be blank"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}, \"text\": \"\\u0000\\u001b\"}",
            "text",
            "text must not be blank"),
        Arguments.of(
            "{\"id\": \".\", \"author\": {\"handle\": \"a\"}, \"text\": \"t\"}",
            "id",
            "'.' or '..'"),
        Arguments.of(
            "{\"id\": \"..\", \"author\": {\"handle\": \"a\"}, \"text\": \"t\"}",
            "id",
            "'.' or '..'"),
        Arguments.of(post("\"conversationId\": \"..\""), "conversationId", "'.' or '..'"),
        Arguments.of(post("\"inReplyToId\": \".\""), "inReplyToId", "'.' or '..'"),
        Arguments.of("{\"id\": \"p-1\", \"text\": \"t\"}", "author", "author is required"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": \"alice\", \"text\": \"t\"}",
            "author",
            "author must be a JSON object"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {}, \"text\": \"t\"}",
            "author.handle",
            "author.handle is required"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"\"}, \"text\": \"t\"}",
            "author.handle",
            "must not be blank"),
        Arguments.of(
            "{\"id\": \"p-1\", \"author\": {\"handle\": \"@alice\"}, \"text\": \"t\"}",
            "author.handle",
            "no '@'"),
        Arguments.of(
            author("\"followers\": -1"),
            "author.followers",
            "author.followers must not be negative"),
        Arguments.of(author("\"followers\": 1.5"), "author.followers", "must be a whole number"),
        Arguments.of(
            author("\"followers\": \"many\""), "author.followers", "must be a whole number"),
        Arguments.of(author("\"verified\": \"yes\""), "author.verified", "must be true or false"),
        Arguments.of(author("\"listedCount\": -3"), "author.listedCount", "must not be negative"),
        Arguments.of(
            author("\"accountCreated\": \"2030-01-01T00:00:00Z\""),
            "author.accountCreated",
            "in the future"),
        Arguments.of(author("\"displayName\": 7"), "author.displayName", "must be a string"),
        Arguments.of(
            author("\"email\": \"a@example.com\""), "author.email", "unknown field author.email"),
        Arguments.of(post("\"createdAt\": \"yesterday\""), "createdAt", "ISO-8601 instant"),
        Arguments.of(post("\"createdAt\": \"2026-11-23 10:15\""), "createdAt", "ISO-8601 instant"),
        Arguments.of(
            post("\"createdAt\": \"2026-11-23T12:05:01Z\""),
            "createdAt",
            "more than 5 minutes in the future"),
        Arguments.of(post("\"conversationId\": \"\""), "conversationId", "must not be blank"),
        Arguments.of(
            post("\"inReplyToId\": \"p-1\""), "inReplyToId", "a post cannot answer itself"),
        Arguments.of(post("\"inReplyToId\": \"x y\""), "inReplyToId", "may hold only"),
        Arguments.of(
            post("\"visibility\": \"friends\""), "visibility", "\"public\" or \"private\""),
        Arguments.of(post("\"private\": \"no\""), "private", "must be true or false"),
        Arguments.of(
            post("\"visibility\": \"public\", \"private\": true"),
            "private",
            "contradicts visibility"),
        Arguments.of(post("\"likes\": 3"), "likes", "unknown field likes"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidPosts")
  void rejectsAnInvalidFieldNamingIt(String json, String field, String message) {
    assertThatThrownBy(() -> reader.post(bytes(json)))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessageContaining(message);
  }

  static Stream<Arguments> unreadableBodies() {
    return Stream.of(
        Arguments.of("", "the body is empty"),
        Arguments.of("{\"id\": \"p-1\",", "malformed JSON at line 1"),
        Arguments.of("{\"id\": \"p-1\", \"id\": \"p-2\"}", "Duplicate field 'id'"),
        Arguments.of("{\"id\": \"p-1\"} {\"id\": \"p-2\"}", "malformed JSON"),
        Arguments.of("[{\"id\": \"p-1\"}]", "must be a JSON object, not array"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("unreadableBodies")
  void rejectsABodyThatIsNotOneJsonObjectWithoutNamingAField(String body, String message) {
    assertThatThrownBy(() -> reader.post(bytes(body)))
        .isInstanceOfSatisfying(SandboxInvalidRequest.class, e -> assertThat(e.field()).isNull())
        .hasMessageContaining(message);
  }

  @Test
  void readsAnEditWithItsTimeOrNow() throws Exception {
    InboundEvent.PostEdited edited =
        reader.edit("p-1", bytes("{\"text\": \"fixed\", \"editedAt\": \"2026-11-23T11:00:00Z\"}"));
    InboundEvent.PostEdited editedNow = reader.edit("p-1", bytes("{\"text\": \"fixed\"}"));

    assertThat(edited)
        .isEqualTo(
            new InboundEvent.PostEdited(
                new PostKey("sandbox", "p-1"), "fixed", Instant.parse("2026-11-23T11:00:00Z")));
    assertThat(editedNow.editedAt()).isEqualTo(NOW);
  }

  @Test
  void rejectsAnInvalidEditNamingTheField() {
    assertThatThrownBy(() -> reader.edit("p-1", bytes("{\"text\": \"\"}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(
            () ->
                reader.edit(
                    "p-1", bytes("{\"text\": \"x\", \"editedAt\": \"2027-01-01T00:00:00Z\"}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("editedAt"));
    assertThatThrownBy(() -> reader.edit("p-1", bytes("{\"text\": \"x\", \"author\": {}}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("author"));
    assertThatThrownBy(() -> reader.edit("p 1", bytes("{\"text\": \"x\"}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertThatThrownBy(() -> reader.edit("p-1", bytes("{\"text\": \"\\u00a0\\u200b\"}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("text"));
    assertThatThrownBy(() -> reader.edit("..", bytes("{\"text\": \"x\"}")))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertThatThrownBy(() -> reader.delete("."))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("id"));
  }

  @Test
  void readsADeletionAsHappeningNow() throws Exception {
    assertThat(reader.delete("p-1"))
        .isEqualTo(new InboundEvent.PostDeleted(new PostKey("sandbox", "p-1"), NOW));
  }

  /** A valid post from alice with {@code extra} fields added. */
  private static String post(String extra) {
    return "{\"id\": \"p-1\", \"author\": {\"handle\": \"alice\"}, \"text\": \"hello\", "
        + extra
        + "}";
  }

  /** A valid post whose author has {@code extra} fields added. */
  private static String author(String extra) {
    return "{\"id\": \"p-1\", \"author\": {\"handle\": \"alice\", "
        + extra
        + "}, \"text\": \"hello\"}";
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
