package org.socialdesk.channel.sandbox;

import java.util.Optional;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.channel.ReplyPublisher;
import org.socialdesk.api.channel.TextLimit;

/**
 * The sandbox network as a channel: posts come in through its admin endpoints, replies go to its
 * outbox table. It runs no background work, so starting it in command mode is harmless.
 */
public final class SandboxChannel implements ChannelConnector {

  /** Where the endpoints live; see {@link SandboxServlet}. */
  static final String PATH_SPEC = "/api/channels/sandbox/*";

  /** Like X's public limit, and a generous one for private messages. */
  static final TextLimit TEXT_LIMIT = TextLimit.codePoints(280, 10_000);

  private final ReplyPublisher publisher;

  SandboxChannel(ReplyPublisher publisher) {
    this.publisher = publisher;
  }

  /** Mounts the sandbox's endpoints (admin token only) and returns the channel. */
  public static SandboxChannel start(PluginContext context) {
    SandboxOutbox outbox = new SandboxOutbox(context.dataSource());
    SandboxFaults faults = new SandboxFaults();
    SandboxServlet servlet =
        new SandboxServlet(
            new SandboxPostReader(context.clock()), context.ingest(), faults, outbox);
    context.web().mount(PATH_SPEC, servlet, WebRegistry.Access.ADMIN);
    return new SandboxChannel(new SandboxPublisher(outbox, faults, TEXT_LIMIT, context.clock()));
  }

  @Override
  public String network() {
    return SandboxPostReader.NETWORK;
  }

  @Override
  public TextLimit textLimit() {
    return TEXT_LIMIT;
  }

  @Override
  public Optional<ReplyPublisher> publisher() {
    return Optional.of(publisher);
  }

  /**
   * True: the sandbox records one reply per idempotency key and answers a repeat with the first
   * (see {@link SandboxOutbox}), so the host publishes again a reply a crash cut off instead of
   * reporting it unknown.
   */
  @Override
  public boolean publishesIdempotently() {
    return true;
  }
}
