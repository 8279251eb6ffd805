package org.socialdesk.channel.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Turns the sandbox's JSON into inbound events, validating every field: the endpoints and the
 * replay command's dry run share it, so both report the same problems in the same words.
 */
final class SandboxPostReader {

  static final String NETWORK = "sandbox";

  /** How far in the future a timestamp may lie (clocks differ a little). */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  private static final List<String> POST_FIELDS =
      List.of(
          "id",
          "conversationId",
          "inReplyToId",
          "author",
          "text",
          "createdAt",
          "visibility",
          "private");
  private static final List<String> AUTHOR_FIELDS =
      List.of("handle", "displayName", "followers", "verified", "listedCount", "accountCreated");
  private static final List<String> EDIT_FIELDS = List.of("text", "editedAt");

  private final Clock clock;

  SandboxPostReader(Clock clock) {
    this.clock = clock;
  }

  /** A new post, from the body of {@code POST /posts}. */
  SocialPost post(byte[] body) throws SandboxInvalidRequest {
    SandboxJsonObject json = SandboxJsonObject.parse(body).allowOnly(POST_FIELDS);
    String id = id("id", json.requiredText("id"));
    String conversationId = json.string("conversationId");
    conversationId = conversationId == null ? id : id("conversationId", conversationId);
    String inReplyToId = json.string("inReplyToId");
    if (inReplyToId != null && id("inReplyToId", inReplyToId).equals(id)) {
      throw new SandboxInvalidRequest(
          "inReplyToId", "inReplyToId must differ from id: a post cannot answer itself");
    }
    Author author = author(json);
    String text = json.requiredText("text");
    Instant createdAt = notInFuture(json, "createdAt");
    Visibility visibility = visibility(json);
    URI url =
        visibility == Visibility.PUBLIC
            ? URI.create("sandbox://" + author.handle() + "/" + id)
            : null;
    return new SocialPost(
        new PostKey(NETWORK, id),
        conversationId,
        inReplyToId,
        author,
        text,
        createdAt,
        visibility,
        url,
        Engagement.NONE,
        Map.of());
  }

  /** An edit, from the path's post id and the body of {@code POST /posts/{id}/edit}. */
  InboundEvent.PostEdited edit(String postId, byte[] body) throws SandboxInvalidRequest {
    PostKey key = new PostKey(NETWORK, id("id", postId));
    SandboxJsonObject json = SandboxJsonObject.parse(body).allowOnly(EDIT_FIELDS);
    String text = json.requiredText("text");
    return new InboundEvent.PostEdited(key, text, notInFuture(json, "editedAt"));
  }

  /** A deletion, from the path's post id of {@code DELETE /posts/{id}}; it happened now. */
  InboundEvent.PostDeleted delete(String postId) throws SandboxInvalidRequest {
    return new InboundEvent.PostDeleted(new PostKey(NETWORK, id("id", postId)), clock.instant());
  }

  private Author author(SandboxJsonObject post) throws SandboxInvalidRequest {
    SandboxJsonObject json = post.object("author");
    if (json == null) {
      throw new SandboxInvalidRequest(
          "author", "author is required, at least {\"handle\": \"...\"}");
    }
    json.allowOnly(AUTHOR_FIELDS);
    String handle = json.requiredText("handle");
    if (!HANDLE.matcher(handle).matches()) {
      throw new SandboxInvalidRequest(
          json.path("handle"),
          json.path("handle")
              + " may hold only letters, digits, '.', '_' and '-' (no '@'), at most 100");
    }
    String displayName = json.string("displayName");
    long followers = json.count("followers", 0);
    Boolean verified = json.bool("verified");
    long listedCount = json.count("listedCount", 0);
    Instant accountCreated = json.instant("accountCreated");
    if (accountCreated != null) {
      requireNotInFuture(json.path("accountCreated"), accountCreated);
    }
    return new Author(
        NETWORK,
        handle,
        handle,
        displayName == null || displayName.isBlank() ? handle : displayName,
        followers,
        Boolean.TRUE.equals(verified),
        listedCount,
        accountCreated);
  }

  /**
   * {@code "visibility": "public"|"private"} or {@code "private": true|false}; public by default.
   */
  private static Visibility visibility(SandboxJsonObject json) throws SandboxInvalidRequest {
    String named = json.string("visibility");
    Boolean isPrivate = json.bool("private");
    Visibility visibility = null;
    if (named != null) {
      visibility =
          switch (named) {
            case "public" -> Visibility.PUBLIC;
            case "private" -> Visibility.PRIVATE;
            default ->
                throw new SandboxInvalidRequest(
                    "visibility", "visibility must be \"public\" or \"private\"");
          };
    }
    if (isPrivate != null) {
      Visibility flagged = isPrivate ? Visibility.PRIVATE : Visibility.PUBLIC;
      if (visibility != null && visibility != flagged) {
        throw new SandboxInvalidRequest(
            "private", "private contradicts visibility; give one of the two");
      }
      visibility = flagged;
    }
    return visibility == null ? Visibility.PUBLIC : visibility;
  }

  /** The instant in {@code key}, now when absent; at most {@link #CLOCK_SKEW} ahead of now. */
  private Instant notInFuture(SandboxJsonObject json, String key) throws SandboxInvalidRequest {
    Instant value = json.instant(key);
    if (value == null) {
      return clock.instant();
    }
    requireNotInFuture(json.path(key), value);
    return value;
  }

  private void requireNotInFuture(String field, Instant value) throws SandboxInvalidRequest {
    Instant now = clock.instant();
    if (value.isAfter(now.plus(CLOCK_SKEW))) {
      throw new SandboxInvalidRequest(
          field,
          field + " " + value + " is more than 5 minutes in the future (it is now " + now + ")");
    }
  }

  /**
   * A post id: 1 to 200 letters, digits, '.', '_' or '-', and not '.' or '..', so it is safe in
   * paths and URLs (a post with id '..' could never be edited or deleted through its path).
   */
  static String id(String field, String value) throws SandboxInvalidRequest {
    if (value.isBlank()) {
      throw new SandboxInvalidRequest(field, field + " must not be blank");
    }
    if (!ID.matcher(value).matches()) {
      throw new SandboxInvalidRequest(
          field, field + " may hold only letters, digits, '.', '_' and '-', at most 200");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new SandboxInvalidRequest(
          field, field + " must not be '.' or '..', which name no post in a path");
    }
    return value;
  }
}
