package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelCursors;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The backfill: reads from Graph what the webhook brings, for when it is not set up yet (before app
 * review) or was down. Each source keeps a cursor, a creation time (unix seconds), in {@code
 * channel_cursor}, kept {@link #OVERLAP} behind the newest item; a poll reads everything from the
 * cursor on (inclusive, so nothing of the same second is missed), hands it to the host, and moves
 * the cursor only once all was stored. What was delivered before (by the webhook or an earlier
 * poll) is a duplicate for the host's inbox, so nothing is doubled. The first poll reads back
 * {@code backfill}.
 *
 * <ul>
 *   <li>{@code meta:feed:<page>}: the Page feed's latest posts ({@code GET /{page}/feed}); visitor
 *       posts, and the comments and replies of each post updated since the cursor ({@code GET
 *       /{post}/comments?filter=stream&since=});
 *   <li>{@code meta:conversations:<page>} and {@code meta:ig-conversations:<page>}: conversations
 *       updated since the cursor ({@code GET /{page}/conversations?platform=}), then their
 *       messages;
 *   <li>{@code meta:mentions:<page>}: the latest posts that tag the Page ({@code GET
 *       /{page}/tagged});
 *   <li>{@code meta:ig-comments:<account>}: the account's recent media ({@code GET /{ig}/media}),
 *       their comments and the replies to them (the {@code replies} edge expanded in {@code
 *       fields}).
 * </ul>
 */
final class MetaPoller {

  static final int PAGE_SIZE = 25;

  /**
   * How far before the newest item the cursor stays: Graph may list a comment a little after a
   * newer one.
   */
  static final Duration OVERLAP = Duration.ofMinutes(2);

  private static final int MAX_PAGES = 20;

  /** What the backfill reads of an Instagram comment (and of each of its replies). */
  private static final String COMMENT_FIELDS = "id,text,timestamp,username,from,hidden";

  private static final Logger log = LoggerFactory.getLogger(MetaPoller.class);

  private final MetaGraph graph;
  private final MetaConfig config;
  private final MetaChangeReader changes;
  private final MetaMessagingReader messenger;
  private final MetaMessagingReader instagramDirect;
  private final MetaDelivery delivery;
  private final ChannelCursors cursors;
  private final Clock clock;

  MetaPoller(
      MetaGraph graph,
      MetaConfig config,
      MetaChangeReader changes,
      MetaMessagingReader messenger,
      MetaMessagingReader instagramDirect,
      MetaDelivery delivery,
      ChannelCursors cursors,
      Clock clock) {
    this.graph = graph;
    this.config = config;
    this.changes = changes;
    this.messenger = messenger;
    this.instagramDirect = instagramDirect;
    this.delivery = delivery;
    this.cursors = cursors;
    this.clock = clock;
  }

  /**
   * One poll of every source; a source that fails keeps its cursor and the others go on. Never
   * throws.
   */
  void pollQuietly() {
    poll("meta:feed:" + config.pageId(), this::feed);
    poll("meta:mentions:" + config.pageId(), this::pageMentions);
    poll(
        "meta:conversations:" + config.pageId(),
        since -> conversations(since, "MESSENGER", config.pageId(), messenger));
    if (config.instagram()) {
      poll("meta:ig-comments:" + config.instagramAccountId(), this::instagramComments);
      poll(
          "meta:ig-conversations:" + config.pageId(),
          since -> conversations(since, "INSTAGRAM", config.instagramAccountId(), instagramDirect));
    }
  }

  private interface Source {
    List<MetaInbound> read(Instant since)
        throws MetaGraphException, IOException, InterruptedException;
  }

  private void poll(String cursor, Source source) {
    try {
      Instant since =
          cursors
              .read(cursor)
              .map(v -> Instant.ofEpochSecond(Long.parseLong(v)))
              .orElse(clock.instant().minus(config.backfill()));
      List<MetaInbound> items = source.read(since);
      delivery.deliver(items);
      Instant newest =
          items.stream()
              .map(MetaPoller::time)
              .flatMap(Optional::stream)
              .max(Instant::compareTo)
              .orElse(since);
      Instant next = newest.minus(OVERLAP);
      if (next.isAfter(since)) {
        cursors.write(cursor, Long.toString(next.getEpochSecond()));
      }
    } catch (MetaGraphException e) {
      log.warn("meta: poll of {} stopped, cursor kept: {}", cursor, e.getMessage());
    } catch (IngestUnavailableException | ChannelStorageException e) {
      log.warn(
          "meta: poll of {} could not store, cursor kept: {}",
          cursor,
          UntrustedText.forLog(e.getMessage()));
    } catch (IOException e) {
      log.warn("meta: poll of {} failed, cursor kept: {}", cursor, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("meta: poll of {} failed, cursor kept", cursor, e);
    }
  }

  private List<MetaInbound> feed(Instant since)
      throws MetaGraphException, IOException, InterruptedException {
    JsonNode posts =
        graph.get(
            config.pageId(),
            "/" + config.pageId() + "/feed",
            Map.of(
                "fields",
                "id,created_time,updated_time,from,message",
                "limit",
                Integer.toString(PAGE_SIZE)));
    List<MetaInbound> items = new ArrayList<>();
    for (JsonNode post : posts.path("data")) {
      String postId = MetaJson.text(post, "id");
      Instant updated = MetaJson.graphTime(MetaJson.text(post, "updated_time"));
      Instant created = MetaJson.graphTime(MetaJson.text(post, "created_time"));
      if (!MetaIds.isNodeId(postId) || updated != null && updated.isBefore(since)) {
        continue;
      }
      if (created != null && !created.isBefore(since)) {
        items.addAll(changes.page(feedChange("status", postId, null, null, post), since));
      }
      items.addAll(comments(postId, since));
    }
    return items;
  }

  private List<MetaInbound> comments(String postId, Instant since)
      throws MetaGraphException, IOException, InterruptedException {
    List<MetaInbound> items = new ArrayList<>();
    Map<String, String> query = new LinkedHashMap<>();
    query.put("filter", "stream");
    query.put("order", "chronological");
    query.put("since", Long.toString(since.getEpochSecond()));
    query.put("fields", "id,message,from,created_time,parent");
    query.put("limit", "100");
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode answer = graph.get(config.pageId(), "/" + postId + "/comments", query);
      for (JsonNode comment : answer.path("data")) {
        Instant created = MetaJson.graphTime(MetaJson.text(comment, "created_time"));
        if (created != null && !created.isBefore(since)) {
          items.addAll(
              changes.page(
                  feedChange(
                      "comment",
                      postId,
                      MetaJson.text(comment, "id"),
                      MetaJson.text(comment.path("parent"), "id"),
                      comment),
                  since));
        }
      }
      String after = MetaJson.text(answer.path("paging").path("cursors"), "after");
      if (after == null || !answer.path("paging").has("next")) {
        break;
      }
      query.put("after", after);
    }
    return items;
  }

  private List<MetaInbound> conversations(
      Instant since, String platform, String ownId, MetaMessagingReader reader)
      throws MetaGraphException, IOException, InterruptedException {
    String account = platform.equals("INSTAGRAM") ? config.instagramAccountId() : config.pageId();
    JsonNode threads =
        graph.get(
            account,
            "/" + config.pageId() + "/conversations",
            Map.of(
                "platform",
                platform,
                "fields",
                "id,updated_time",
                "limit",
                Integer.toString(PAGE_SIZE)));
    List<MetaInbound> items = new ArrayList<>();
    for (JsonNode thread : threads.path("data")) {
      String threadId = MetaJson.text(thread, "id");
      Instant updated = MetaJson.graphTime(MetaJson.text(thread, "updated_time"));
      if (!MetaIds.isThreadId(threadId) || updated != null && updated.isBefore(since)) {
        continue;
      }
      JsonNode messages =
          graph.get(
              account,
              "/" + threadId + "/messages",
              Map.of("fields", "id,message,from,created_time", "limit", "100"));
      for (JsonNode message : messages.path("data")) {
        Instant created = MetaJson.graphTime(MetaJson.text(message, "created_time"));
        String from = MetaJson.text(message.path("from"), "id");
        if (created == null || created.isBefore(since) || ownId.equals(from)) {
          continue;
        }
        ObjectNode event = MetaJson.MAPPER.createObjectNode();
        event.putObject("sender").put("id", from);
        event.put("timestamp", created.toEpochMilli());
        event
            .putObject("message")
            .put("mid", MetaJson.text(message, "id"))
            .put("text", MetaJson.text(message, "message"));
        items.addAll(reader.read(event, created));
      }
    }
    return items;
  }

  private List<MetaInbound> instagramComments(Instant since)
      throws MetaGraphException, IOException, InterruptedException {
    String ig = config.instagramAccountId();
    JsonNode media =
        graph.get(
            ig,
            "/" + ig + "/media",
            Map.of("fields", "id,timestamp,comments_count", "limit", Integer.toString(PAGE_SIZE)));
    List<MetaInbound> items = new ArrayList<>();
    for (JsonNode one : media.path("data")) {
      String mediaId = MetaJson.text(one, "id");
      if (!MetaIds.isNodeId(mediaId) || MetaJson.number(one, "comments_count") == 0) {
        continue;
      }
      JsonNode comments =
          graph.get(
              ig,
              "/" + mediaId + "/comments",
              Map.of(
                  "fields",
                  COMMENT_FIELDS + ",replies{" + COMMENT_FIELDS + ",parent_id}",
                  "limit",
                  "50"));
      for (JsonNode comment : comments.path("data")) {
        items.addAll(instagramComment(comment, mediaId, null, since));
        // An old comment may have a new reply: its replies are read whatever its own age.
        for (JsonNode reply : comment.path("replies").path("data")) {
          items.addAll(instagramComment(reply, mediaId, MetaJson.text(comment, "id"), since));
        }
      }
    }
    return items;
  }

  /** A comment (or a reply to {@code parentId}) read from Graph, as the webhook would bring it. */
  private List<MetaInbound> instagramComment(
      JsonNode comment, String mediaId, String parentId, Instant since) {
    Instant created = MetaJson.graphTime(MetaJson.text(comment, "timestamp"));
    if (created == null || created.isBefore(since)) {
      return List.of();
    }
    ObjectNode value = MetaJson.MAPPER.createObjectNode();
    value.put("id", MetaJson.text(comment, "id")).put("text", MetaJson.text(comment, "text"));
    value.put("hidden", comment.path("hidden").asBoolean(false));
    if (parentId != null) {
      value.put("parent_id", parentId);
    }
    value
        .putObject("from")
        .put("id", MetaJson.text(comment.path("from"), "id"))
        .put("username", MetaJson.text(comment, "username"));
    value.putObject("media").put("id", mediaId);
    ObjectNode change = MetaJson.MAPPER.createObjectNode().put("field", "comments");
    change.set("value", value);
    return changes.instagram(change, created);
  }

  /**
   * Posts that tag the Page ({@code GET /{page}/tagged}, newest first; the edge takes no {@code
   * since}, so older ones are left out here), as the {@code mention} webhook brings them. Mentions
   * of the Page inside comments are not listed by this edge.
   */
  private List<MetaInbound> pageMentions(Instant since)
      throws MetaGraphException, IOException, InterruptedException {
    JsonNode tagged =
        graph.get(
            config.pageId(),
            "/" + config.pageId() + "/tagged",
            Map.of(
                "fields",
                "id,message,from,created_time,permalink_url",
                "limit",
                Integer.toString(PAGE_SIZE)));
    List<MetaInbound> items = new ArrayList<>();
    for (JsonNode post : tagged.path("data")) {
      Instant created = MetaJson.graphTime(MetaJson.text(post, "created_time"));
      if (created == null || created.isBefore(since)) {
        continue;
      }
      ObjectNode value = MetaJson.MAPPER.createObjectNode();
      value.put("verb", "add").put("item", "post").put("post_id", MetaJson.text(post, "id"));
      value.put("sender_id", MetaJson.text(post.path("from"), "id"));
      value.put("sender_name", MetaJson.text(post.path("from"), "name"));
      if (MetaJson.text(post, "message") != null) {
        value.put("message", MetaJson.text(post, "message"));
      }
      value.put("created_time", created.getEpochSecond());
      ObjectNode change = MetaJson.MAPPER.createObjectNode().put("field", "mention");
      change.set("value", value);
      items.addAll(changes.page(change, created));
    }
    return items;
  }

  /** A comment or post read from Graph, in the shape of a feed webhook change. */
  private static JsonNode feedChange(
      String item, String postId, String commentId, String parentId, JsonNode read) {
    ObjectNode value = MetaJson.MAPPER.createObjectNode();
    value.put("item", item).put("verb", "add").put("post_id", postId);
    if (commentId != null) {
      value.put("comment_id", commentId);
    }
    value.put("parent_id", parentId != null ? parentId : postId);
    value.set(
        "from",
        read.path("from").isObject() ? read.path("from") : MetaJson.MAPPER.createObjectNode());
    String message = MetaJson.text(read, "message");
    if (message != null) {
      value.put("message", message);
    }
    Instant created = MetaJson.graphTime(MetaJson.text(read, "created_time"));
    if (created != null) {
      value.put("created_time", created.getEpochSecond());
    }
    ObjectNode change = MetaJson.MAPPER.createObjectNode().put("field", "feed");
    change.set("value", value);
    return change;
  }

  private static Optional<Instant> time(MetaInbound item) {
    return item instanceof MetaInbound.Post post
        ? Optional.of(post.post().postedAt())
        : Optional.empty();
  }
}
