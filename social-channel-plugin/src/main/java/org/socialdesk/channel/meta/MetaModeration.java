package org.socialdesk.channel.meta;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.social.Visibility;

/**
 * Moderation, when {@code hide-spam} is on: a public comment the enrichers tagged as spam is hidden
 * on the network ({@code POST /{comment-id}} with {@code is_hidden=true} on Facebook, {@code
 * hide=true} on Instagram), never deleted, and the ticket says so (or says why it could not be
 * hidden). Hidden comments are then not answered in public ({@link MetaReplyPolicy}).
 */
final class MetaModeration {

  private static final Logger log = LoggerFactory.getLogger(MetaModeration.class);

  private final MetaGraph graph;
  private final MetaItems items;
  private final MetaConfig config;
  private final HelpdeskGateway helpdesk;
  private final Clock clock;

  MetaModeration(
      MetaGraph graph, MetaItems items, MetaConfig config, HelpdeskGateway helpdesk, Clock clock) {
    this.graph = graph;
    this.items = items;
    this.config = config;
    this.helpdesk = helpdesk;
    this.clock = clock;
  }

  void onRouted(SocialdeskEvent.PostRouted routed) {
    String networkId = routed.post().network();
    if (routed.enrichment().intent() != Intent.SPAM
        || routed.post().visibility() != Visibility.PUBLIC
        || !networkId.equals(MetaNetwork.FACEBOOK.id())
            && !networkId.equals(MetaNetwork.INSTAGRAM.id())) {
      return;
    }
    MetaNetwork network = MetaNetwork.of(networkId);
    String id = routed.post().key().postId();
    Optional<MetaItem> item = items.find(network, id);
    if (item.isEmpty()
        || item.get().kind() != MetaItem.Kind.COMMENT
        || item.get().hidden()
        || !MetaIds.isNodeId(id)) {
      return;
    }
    String note;
    try {
      if (network == MetaNetwork.FACEBOOK) {
        graph.postForm(config.pageId(), "/" + id, Map.of("is_hidden", "true"));
      } else {
        graph.postForm(config.instagramAccountId(), "/" + id, Map.of("hide", "true"));
      }
      items.setHidden(network, id, true, clock.instant());
      note =
          "Socialdesk hid this comment ("
              + id
              + ") on "
              + network.id()
              + " because it was tagged as spam (plugins.social-channel.meta.hide-spam)."
              + " It is not deleted: show it again on "
              + network.id()
              + " if it is not spam.";
    } catch (MetaGraphException | IOException e) {
      note =
          "Socialdesk could not hide this spam comment ("
              + id
              + ") on "
              + network.id()
              + ": "
              + e.getMessage();
      log.warn("meta: hiding spam comment {} failed: {}", id, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    helpdesk.addMessage(routed.ticket(), new TicketMessage.InternalNote(note));
  }
}
