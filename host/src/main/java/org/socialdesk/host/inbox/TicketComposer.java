package org.socialdesk.host.inbox;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

/** What a ticket and its later correspondence say about a post: subject, body and fields. */
final class TicketComposer {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int SUBJECT_TEXT = 60;

  private TicketComposer() {}

  static String subject(SocialPost post) {
    String kind = post.visibility() == Visibility.PRIVATE ? "DM" : "post";
    String text = post.text().replaceAll("\\s+", " ").strip();
    if (text.codePointCount(0, text.length()) > SUBJECT_TEXT) {
      text = text.substring(0, text.offsetByCodePoints(0, SUBJECT_TEXT)) + "…";
    }
    return "[" + post.network() + "] " + kind + " from @" + post.author().handle() + ": " + text;
  }

  /** The customer's words, where they were posted, and why the ticket got its tags. */
  static String body(SocialPost post, Enrichment enrichment) {
    StringBuilder body =
        new StringBuilder(header(post)).append("\n\n").append(post.text()).append("\n");
    if (post.url() != null) {
      body.append("\n").append(post.url()).append("\n");
    }
    body.append("\n-- \n").append(authorLine(post));
    if (enrichment.influence() != null) {
      Influence influence = enrichment.influence();
      body.append("\nInfluence: ").append(influenceValue(influence));
      if (!influence.reasons().isEmpty()) {
        body.append(" (").append(String.join("; ", influence.reasons())).append(")");
      }
    }
    if (enrichment.sentiment() != null) {
      body.append("\nSentiment: ")
          .append(enrichment.sentiment().label().wireName())
          .append(
              String.format(
                  Locale.ROOT, " (%.0f%% confident)", enrichment.sentiment().score() * 100));
    }
    return body.append("\n").toString();
  }

  /** A later post in the conversation, as added to the ticket. */
  static String followUp(SocialPost post) {
    StringBuilder text =
        new StringBuilder(header(post)).append("\n\n").append(post.text()).append("\n");
    if (post.url() != null) {
      text.append("\n").append(post.url()).append("\n");
    }
    return text.toString();
  }

  private static String header(SocialPost post) {
    String where = post.visibility() == Visibility.PRIVATE ? "in a private message" : "in public";
    String header =
        "@"
            + post.author().handle()
            + " ("
            + post.author().displayName()
            + ") on "
            + post.network()
            + ", "
            + where
            + ", "
            + WHEN.format(post.postedAt())
            + ":";
    String timeNote = PostTimes.note(post);
    return timeNote.isEmpty() ? header : header + "\n" + timeNote;
  }

  private static String authorLine(SocialPost post) {
    return "@"
        + post.author().handle()
        + ": "
        + String.format(Locale.ROOT, "%,d", post.author().followers())
        + " followers"
        + (post.author().verified() ? ", verified" : "");
  }

  static String influenceValue(Influence influence) {
    return influence.tier().wireName() + String.format(Locale.ROOT, " %.0f", influence.score());
  }

  /** The ticket's fields: the post's facts plus what enrichers found. */
  static Map<String, String> fields(SocialPost post, Enrichment enrichment) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(TicketField.CHANNEL.fieldName(), post.network());
    fields.put(TicketField.SOCIAL_POST_ID.fieldName(), post.key().toString());
    if (post.url() != null) {
      fields.put(TicketField.SOCIAL_POST_URL.fieldName(), post.url().toString());
    }
    fields.put(TicketField.SOCIAL_AUTHOR.fieldName(), "@" + post.author().handle());
    fields.put(TicketField.FOLLOWERS.fieldName(), Long.toString(post.author().followers()));
    if (enrichment.sentiment() != null) {
      fields.put(TicketField.SENTIMENT.fieldName(), enrichment.sentiment().label().wireName());
    }
    if (enrichment.influence() != null) {
      fields.put(TicketField.INFLUENCE.fieldName(), influenceValue(enrichment.influence()));
    }
    if (enrichment.language() != null) {
      fields.put(TicketField.LANGUAGE.fieldName(), enrichment.language());
    }
    if (enrichment.intent() != null) {
      fields.put(TicketField.INTENT.fieldName(), enrichment.intent().wireName());
    }
    fields.putAll(enrichment.fields());
    return fields;
  }
}
