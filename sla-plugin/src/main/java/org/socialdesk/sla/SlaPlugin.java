package org.socialdesk.sla;

import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** The SLA plugin. */
public final class SlaPlugin implements Plugin {

  // To wire (the pure core is in this package; see sla-plugin/docs/sla-semantics.md):
  // - start: SlaConfig config = bind(SlaConfig.class); if !config.enabled() do nothing;
  //   SlaPolicies policies = config.slaPolicies() (already validated by the bind).
  // - SlaHook.firstResponseDue(post, enrichment): policies.match(Facts.of(post, enrichment, null))
  //   .due(SlaTarget.FIRST_RESPONSE, post.postedAt()).
  // - PostRouted, new ticket: store SlaClock.start(ticket, FIRST_RESPONSE, policy, post.postedAt())
  //   and (RESOLUTION, same start); keep the policy name with the ticket, not re-matched later.
  // - PostRouted, appended customer post with no running response clock: start NEXT_RESPONSE
  //   at that post's postedAt (the oldest unanswered post).
  // - ReplyPublished: answered(at) on the running FIRST/NEXT_RESPONSE clock.
  // - Ticket resolved: answered(at) on the RESOLUTION clock.
  // - PostChanged: edited -> SlaPostChanges.afterEdit; deleted -> SlaPostChanges.afterDelete
  //   with the ticket's unanswered posts and the customer posts left.
  // - Tick (scheduler, context clock): clocks whose warningAt/dueAt passed -> SlaAlert WARNING /
  //   BREACH once each (sla_clock.next_check_at = warningAt, then dueAt).
  // - Reports: SlaState per clock; Cancelled is left out of response rates.

  private final PluginDescriptor descriptor = PluginDescriptor.of(SlaPlugin.class);

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    context.config().bind(SlaConfig.class);
  }
}
