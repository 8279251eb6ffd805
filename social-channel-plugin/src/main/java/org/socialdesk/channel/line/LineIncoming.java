package org.socialdesk.channel.line;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A customer's message as read from a webhook event, before the channel decides whether it concerns
 * the brand (in a group) and looks up its author.
 *
 * @param webhookEventId LINE's id of the event (a ULID), the same on a redelivery
 * @param redelivery whether LINE says it delivered the event before
 * @param messageId the message's id
 * @param sourceType {@code user}, {@code group} or {@code room}
 * @param chatId where a reply goes: the user's id in a 1:1 chat, else the group's or room's
 * @param userId the sender, or null when LINE does not say (a group member without consent)
 * @param contentKind LINE's message type: text, image, video, audio, file, location, sticker
 * @param text the text, or a placeholder describing the content with a link to it
 * @param replyToken the reply token, or null (standby mode)
 * @param quoteToken the token that quotes this message in a reply, or null
 * @param quotedMessageId the message this one quotes, or null
 * @param mentionsSelf whether a mention in it is the account itself ({@code isSelf})
 * @param selfMentions where the account is mentioned, as {@code index:length} in UTF-16 code units
 * @param postedAt the event's time
 */
record LineIncoming(
    String webhookEventId,
    boolean redelivery,
    String messageId,
    String sourceType,
    String chatId,
    String userId,
    String contentKind,
    String text,
    String replyToken,
    String quoteToken,
    String quotedMessageId,
    boolean mentionsSelf,
    List<String> selfMentions,
    Instant postedAt) {

  LineIncoming {
    Objects.requireNonNull(webhookEventId, "webhookEventId");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(sourceType, "sourceType");
    Objects.requireNonNull(chatId, "chatId");
    Objects.requireNonNull(contentKind, "contentKind");
    Objects.requireNonNull(text, "text");
    selfMentions = List.copyOf(selfMentions);
    Objects.requireNonNull(postedAt, "postedAt");
  }

  /** A message in a 1:1 chat with the account, as opposed to a group or a multi-person room. */
  boolean isOneToOne() {
    return sourceType.equals("user");
  }
}
