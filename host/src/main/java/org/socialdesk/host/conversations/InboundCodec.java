package org.socialdesk.host.conversations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;

/**
 * Stores inbound events, posts and enrichments as JSON. The event type sits in its own column under
 * a stable name, so stored rows survive class renames.
 */
public final class InboundCodec {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private InboundCodec() {}

  public static String typeOf(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost p -> "post";
      case InboundEvent.PostEdited e -> "edit";
      case InboundEvent.PostDeleted d -> "delete";
    };
  }

  /** The key that makes a redelivery of the same event a duplicate. */
  public static String dedupeKey(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost p -> p.post().key().postId();
      case InboundEvent.PostEdited e -> e.key().postId() + "#edit@" + e.editedAt();
      case InboundEvent.PostDeleted d -> d.key().postId() + "#delete";
    };
  }

  public static String encode(InboundEvent event) {
    try {
      return JSON.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static InboundEvent decode(String type, String payload) {
    Class<? extends InboundEvent> target =
        switch (type) {
          case "post" -> InboundEvent.NewPost.class;
          case "edit" -> InboundEvent.PostEdited.class;
          case "delete" -> InboundEvent.PostDeleted.class;
          default -> throw new IllegalArgumentException("unknown inbound event type " + type);
        };
    try {
      return JSON.readValue(payload, target);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String encodePost(SocialPost post) {
    try {
      return JSON.writeValueAsString(post);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String encodeEnrichment(Enrichment enrichment) {
    try {
      return JSON.writeValueAsString(enrichment);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Enrichment decodeEnrichment(String json) {
    try {
      return JSON.readValue(json, Enrichment.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SocialPost decodePost(String json) {
    try {
      return JSON.readValue(json, SocialPost.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
