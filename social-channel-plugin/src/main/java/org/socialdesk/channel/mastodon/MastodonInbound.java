package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * What the poll and the stream both do with what Mastodon reports: a {@code mention} becomes a new
 * post, an edit ({@code update} notification, {@code status.update} stream event) or a deletion
 * ({@code delete} stream event) of a status taken in becomes a change to it. The brand's own
 * statuses and every other kind of notification are skipped. Each method returns only once the host
 * stored the event, or throws.
 */
final class MastodonInbound {

  private static final Logger log = LoggerFactory.getLogger(MastodonInbound.class);

  private final MastodonStatusReader reader;
  private final MastodonAccount account;
  private final MastodonStatuses statuses;
  private final Ingest ingest;
  private final Clock clock;

  MastodonInbound(
      MastodonStatusReader reader,
      MastodonAccount account,
      MastodonStatuses statuses,
      Ingest ingest,
      Clock clock) {
    this.reader = reader;
    this.account = account;
    this.statuses = statuses;
    this.ingest = ingest;
    this.clock = clock;
  }

  /**
   * Hands what cannot be read to the host's quarantine, where an admin sees it with the reason.
   *
   * @throws Ingest.IngestUnavailableException if the host could not store it
   */
  void quarantine(JsonNode received, String reason) {
    ingest.quarantine(MastodonStatusReader.NETWORK, received.toString(), reason);
  }

  /**
   * @throws Ingest.IngestUnavailableException if the host could not store it
   * @throws ChannelStorageException if the channel's own tables could not be read or written
   * @throws IOException if the brand's account id could not be looked up
   */
  void notification(JsonNode notification) throws IOException, InterruptedException {
    String type = MastodonStatusReader.text(notification, "type");
    JsonNode status = notification.path("status");
    if (!status.isObject() || !("mention".equals(type) || "update".equals(type))) {
      return;
    }
    if (isOwn(status)) {
      log.debug(
          "mastodon: skipping the brand's own status {}",
          UntrustedText.forLog(MastodonStatusReader.text(status, "id")));
      return;
    }
    if ("mention".equals(type)) {
      mention(status);
    } else {
      statusEdited(status);
    }
  }

  /** An edited status, from an {@code update} notification or a {@code status.update} event. */
  void statusEdited(JsonNode status) throws IOException, InterruptedException {
    String id = MastodonStatusReader.text(status, "id");
    if (id == null || isOwn(status) || !statuses.isInbound(id)) {
      return;
    }
    ingest.accept(reader.edit(status));
  }

  /** A deleted status, from a {@code delete} event whose data is the status id. */
  void statusDeleted(String statusId) {
    String id = statusId.strip();
    if (id.isEmpty() || !statuses.isInbound(id)) {
      return;
    }
    ingest.accept(
        new InboundEvent.PostDeleted(
            new PostKey(MastodonStatusReader.NETWORK, id), clock.instant()));
  }

  private void mention(JsonNode status) {
    SocialPost post = reader.post(status);
    ingest.accept(new InboundEvent.NewPost(post));
    statuses.record(
        post.key().postId(),
        MastodonStatuses.INBOUND,
        post.attributes().get(MastodonStatusReader.VISIBILITY_ATTRIBUTE),
        clock.instant());
  }

  private boolean isOwn(JsonNode status) throws IOException, InterruptedException {
    return account.id().equals(MastodonStatusReader.accountId(status));
  }
}
