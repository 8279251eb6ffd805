package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/**
 * Reads one {@code messaging[]} item of a Messenger or Instagram webhook entry: a message (text,
 * attachments as links or placeholders, the message it replies to), an edit, a deletion
 * (Instagram). Echoes of the brand's own messages, deliveries, reads and reactions are nothing for
 * the helpdesk.
 *
 * <p>A DM conversation is one ticket: its id is {@code dm:<page or account>:<customer>}. Its first
 * message after a private reply to the customer's comment answers that private reply, so the
 * conversation joins the comment's ticket (the host records the published private reply under that
 * ticket).
 */
final class MetaMessagingReader {

  private final String ownId;
  private final MetaNetwork network;

  /** The key of the latest private reply sent to a customer, if any: (network, customer id). */
  private final BiFunction<MetaNetwork, String, Optional<String>> privateReplyTo;

  MetaMessagingReader(
      MetaNetwork network,
      String ownId,
      BiFunction<MetaNetwork, String, Optional<String>> privateReplyTo) {
    this.network = network;
    this.ownId = ownId;
    this.privateReplyTo = privateReplyTo;
  }

  List<MetaInbound> read(JsonNode event, Instant entryTime) {
    String sender = MetaJson.text(event.path("sender"), "id");
    JsonNode message = event.path("message");
    Instant at =
        Optional.ofNullable(MetaJson.epoch(MetaJson.number(event, "timestamp"), true))
            .orElse(entryTime);
    if (message.path("is_echo").asBoolean(false) || ownId.equals(sender)) {
      return List.of();
    }
    if (event.has("message_edit")) {
      return edit(event.path("message_edit"), at);
    }
    if (!message.isObject()) {
      return List.of();
    }
    String mid = MetaJson.text(message, "mid");
    if (mid == null || sender == null || !MetaIds.isNodeId(sender)) {
      return List.of(
          MetaChangeReader.unreadable(
              network, event, "a message without a readable mid or sender.id"));
    }
    PostKey key = new PostKey(network.id(), MetaIds.key(mid));
    if (message.path("is_deleted").asBoolean(false)) {
      return List.of(new MetaInbound.Deleted(new InboundEvent.PostDeleted(key, at)));
    }
    String repliedTo = MetaJson.text(message.path("reply_to"), "mid");
    String inReplyTo =
        repliedTo != null
            ? MetaIds.key(repliedTo)
            : privateReplyTo.apply(network, sender).orElse(null);
    SocialPost post =
        new SocialPost(
            key,
            "dm:" + ownId + ":" + sender,
            inReplyTo,
            MetaChangeReader.author(network, sender, null),
            text(message),
            at,
            Visibility.PRIVATE,
            null,
            Engagement.NONE,
            Map.of("metaKind", "message"));
    return List.of(
        new MetaInbound.Post(
            post,
            new MetaItem(
                network,
                key.postId(),
                MetaItem.Kind.MESSAGE,
                null,
                null,
                sender,
                false,
                false,
                at)));
  }

  private List<MetaInbound> edit(JsonNode edit, Instant at) {
    String mid = MetaJson.text(edit, "mid");
    if (mid == null) {
      return List.of(MetaChangeReader.unreadable(network, edit, "a message edit without a mid"));
    }
    return List.of(
        new MetaInbound.Edit(
            new InboundEvent.PostEdited(
                new PostKey(network.id(), MetaIds.key(mid)),
                Optional.ofNullable(MetaJson.text(edit, "text")).orElse(""),
                at)));
  }

  /**
   * The text, then one line per attachment: its type and link, or a placeholder when it has none.
   */
  static String text(JsonNode message) {
    StringBuilder text =
        new StringBuilder(Optional.ofNullable(MetaJson.text(message, "text")).orElse(""));
    for (JsonNode attachment : message.path("attachments")) {
      String type = Optional.ofNullable(MetaJson.text(attachment, "type")).orElse("attachment");
      String url = MetaJson.text(attachment.path("payload"), "url");
      if (!text.isEmpty()) {
        text.append('\n');
      }
      text.append('[').append(type.replaceAll("[^A-Za-z0-9_ -]", "")).append(']');
      text.append(
          url != null ? " " + url : " (no link; open the conversation on the network to see it)");
    }
    return text.isEmpty() ? "[a message without text]" : text.toString();
  }
}
