package org.socialdesk.host.inbox;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.event.PlausibleTimes;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;

/**
 * Keeps the times networks give within {@link PlausibleTimes}' window before anything stores or
 * reads them: a time before any supported network existed, or later than a clock's skew after
 * receipt, becomes the time of receipt. Such a time otherwise breaks what counts from it (a year
 * -999999999 is an SQL error in the SLA clock, year 1 becomes 2001 in RT, a post from 2099 never
 * reaches its SLA). A post keeps the network's time in an attribute, and its ticket says which time
 * was used.
 */
final class PostTimes implements Ingest {

  /** The attribute that keeps the network's time of a post whose time was replaced. */
  static final String NETWORK_TIME = "socialdesk.networkPostedAt";

  private static final Logger log = LoggerFactory.getLogger(PostTimes.class);

  private final Ingest inbox;
  private final Clock clock;

  PostTimes(Ingest inbox, Clock clock) {
    this.inbox = inbox;
    this.clock = clock;
  }

  @Override
  public Accepted accept(InboundEvent event) {
    return inbox.accept(sane(event, clock.instant()));
  }

  @Override
  public void quarantine(String network, String payload, String reason) {
    inbox.quarantine(network, payload, reason);
  }

  /** The event with every time outside the window replaced by {@code receivedAt}. */
  static InboundEvent sane(InboundEvent event, Instant receivedAt) {
    return switch (event) {
      case InboundEvent.NewPost post when !plausible(post.post().postedAt(), receivedAt) ->
          new InboundEvent.NewPost(atReceipt(post.post(), receivedAt));
      case InboundEvent.PostEdited edited when !plausible(edited.editedAt(), receivedAt) ->
          new InboundEvent.PostEdited(edited.key(), edited.newText(), receivedAt);
      case InboundEvent.PostDeleted deleted when !plausible(deleted.deletedAt(), receivedAt) ->
          new InboundEvent.PostDeleted(deleted.key(), receivedAt);
      default -> event;
    };
  }

  private static boolean plausible(Instant time, Instant receivedAt) {
    return PlausibleTimes.isPlausible(time, receivedAt);
  }

  private static SocialPost atReceipt(SocialPost post, Instant receivedAt) {
    log.atWarn()
        .addKeyValue("post", post.key())
        .addKeyValue("networkTime", post.postedAt())
        .log(
            "The network's time of the post is outside the sane window; using the time of receipt");
    Map<String, String> attributes = new HashMap<>(post.attributes());
    attributes.put(NETWORK_TIME, post.postedAt().toString());
    return new SocialPost(
        post.key(),
        post.conversationId(),
        post.inReplyToId(),
        post.author(),
        post.text(),
        receivedAt,
        post.visibility(),
        post.url(),
        post.engagement(),
        attributes);
  }

  /** What a ticket says about a post whose time was replaced, or nothing. */
  static String note(SocialPost post) {
    String networkTime = post.attributes().get(NETWORK_TIME);
    return networkTime == null
        ? ""
        : "(The network gave the post the time "
            + networkTime
            + ", outside the sane window; the time of receipt was used.)";
  }
}
