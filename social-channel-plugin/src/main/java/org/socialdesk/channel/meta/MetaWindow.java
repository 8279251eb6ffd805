package org.socialdesk.channel.meta;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Meta's messaging windows: a Page (or Instagram account) may answer a person's message within 24
 * hours of it; with the {@code HUMAN_AGENT} tag, which needs Meta's Human Agent permission, within
 * 7 days; a private reply to a comment once, within 7 days of the comment.
 */
final class MetaWindow {

  static final Duration STANDARD = Duration.ofHours(24);
  static final Duration HUMAN_AGENT = Duration.ofDays(7);
  static final Duration PRIVATE_REPLY = Duration.ofDays(7);

  private MetaWindow() {}

  /** How a message to a person who last wrote at {@code lastMessage} may be sent now. */
  enum Send {
    /** Inside 24 hours: {@code messaging_type=RESPONSE}. */
    RESPONSE,
    /** Inside 7 days with the Human Agent permission: {@code MESSAGE_TAG} + {@code HUMAN_AGENT}. */
    HUMAN_AGENT_TAG
  }

  static Optional<Send> message(Instant lastMessage, Instant now, boolean humanAgentTag) {
    Duration age = Duration.between(lastMessage, now);
    if (age.compareTo(STANDARD) <= 0) {
      return Optional.of(Send.RESPONSE);
    }
    return humanAgentTag && age.compareTo(HUMAN_AGENT) <= 0
        ? Optional.of(Send.HUMAN_AGENT_TAG)
        : Optional.empty();
  }

  /**
   * Why nothing can be sent to a person who last wrote at {@code lastMessage}, and until when
   * nothing could.
   */
  static String closedReason(String network, Instant lastMessage, boolean humanAgentTag) {
    String surface = network.equals(MetaNetwork.INSTAGRAM.id()) ? "Instagram" : "Messenger";
    return "the customer's last message was at "
        + lastMessage
        + ". "
        + surface
        + " lets the brand answer within 24 hours (until "
        + lastMessage.plus(STANDARD)
        + ")"
        + (humanAgentTag
            ? " and, with the HUMAN_AGENT tag, within 7 days (until "
                + lastMessage.plus(HUMAN_AGENT)
                + ")"
            : "; the app has no Human Agent permission (plugins.social-channel.meta.human-agent-tag is false), so 7 days are not available")
        + ". Nothing can be sent in this conversation until the customer writes again.";
  }
}
