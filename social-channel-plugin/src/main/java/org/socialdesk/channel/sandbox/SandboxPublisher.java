package org.socialdesk.channel.sandbox;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.OutgoingReply;
import org.socialdesk.api.channel.PublishOutcome;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * "Publishes" a reply by recording it in the sandbox's outbox, answering as a network would: a
 * simulated failure when the fault switch says so, a rejection for what a network refuses, and for
 * a reply already published under the same idempotency key, the earlier publication.
 */
final class SandboxPublisher implements ReplyPublisher {

  private static final Logger log = LoggerFactory.getLogger(SandboxPublisher.class);

  private final SandboxOutbox outbox;
  private final SandboxFaults faults;
  private final TextLimit textLimit;
  private final Clock clock;

  SandboxPublisher(SandboxOutbox outbox, SandboxFaults faults, TextLimit textLimit, Clock clock) {
    this.outbox = outbox;
    this.faults = faults;
    this.textLimit = textLimit;
    this.clock = clock;
  }

  @Override
  public PublishOutcome publish(OutgoingReply reply) {
    Optional<PublishOutcome> fault = faults.next();
    if (fault.isPresent()) {
      return fault.get();
    }
    if (!SandboxPostReader.NETWORK.equals(reply.inReplyTo().network())) {
      return new PublishOutcome.Rejected(
          "sandbox: " + reply.inReplyTo() + " is not a sandbox post");
    }
    int length = textLimit.length(reply.text());
    int max = textLimit.maxLength(reply.visibility());
    if (reply.text().isBlank() || length > max) {
      return new PublishOutcome.Rejected(
          "sandbox: the text has " + length + " characters; 1 to " + max + " allowed");
    }
    try {
      SandboxOutbox.Entry entry =
          outbox.publishOnce(reply, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      return new PublishOutcome.Published(entry.remoteId(), url(entry), entry.publishedAt());
    } catch (ChannelStorageException e) {
      log.warn("sandbox: cannot record reply {}; answering retry-later", reply.idempotencyKey(), e);
      return new PublishOutcome.RetryLater(
          SandboxFaults.OUTAGE_RETRY, "sandbox: cannot record the reply");
    }
  }

  /** Where the public reads a reply; private messages have no public address. */
  private static URI url(SandboxOutbox.Entry entry) {
    return entry.visibility() == Visibility.PUBLIC
        ? URI.create("sandbox://brand/" + entry.remoteId())
        : null;
  }
}
