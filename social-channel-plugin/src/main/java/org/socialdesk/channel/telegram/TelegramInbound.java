package org.socialdesk.channel.telegram;

import java.util.Objects;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;

/** What one update means for the brand; every variant carries the update's {@code update_id}. */
sealed interface TelegramInbound {

  long updateId();

  /**
   * A customer's message.
   *
   * @param businessConnectionId the Telegram Business connection it came through, or null
   */
  record Post(long updateId, SocialPost post, String businessConnectionId)
      implements TelegramInbound {
    public Post {
      Objects.requireNonNull(post, "post");
    }
  }

  /**
   * A customer edited a message ({@code edited_message}). If the original was stored before this is
   * an edit of it; if not (it was sent and edited before Socialdesk looked), it is a new post with
   * the latest text.
   */
  record Edit(
      long updateId, SocialPost latest, InboundEvent.PostEdited edit, String businessConnectionId)
      implements TelegramInbound {
    public Edit {
      Objects.requireNonNull(latest, "latest");
      Objects.requireNonNull(edit, "edit");
    }
  }

  /**
   * An update that does not concern the brand (a group chat not addressed to the bot, a channel
   * post, ...).
   */
  record Ignored(long updateId, String why) implements TelegramInbound {
    public Ignored {
      Objects.requireNonNull(why, "why");
    }
  }

  /**
   * An update Socialdesk cannot read: handed to the host's quarantine with the reason, as received.
   */
  record Unreadable(long updateId, String payload, String reason) implements TelegramInbound {
    public Unreadable {
      Objects.requireNonNull(payload, "payload");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
