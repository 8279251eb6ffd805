package org.socialdesk.sla;

import java.util.List;
import java.util.Optional;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.sla.SlaHook;

/**
 * The SLA plugin. Done: policies and calendars from configuration, and the first-response
 * deadline every new social ticket is born with (its Due). Not done yet: stored clocks, warning
 * and breach escalation, reports and the live wall (see sla-plugin/docs/sla-semantics.md).
 */
public final class SlaPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(SlaPlugin.class);
  private volatile SlaHook firstResponse;

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    SlaConfig config = context.config().bind(SlaConfig.class);
    if (config.enabled()) {
      SlaPolicies policies = config.slaPolicies();
      firstResponse = (post, enrichment) ->
          Optional.of(policies.match(Facts.of(post, enrichment, null)).due(SlaTarget.FIRST_RESPONSE, post.postedAt()));
    }
  }

  @Override
  public List<SlaHook> slaHooks() {
    return firstResponse == null ? List.of() : List.of(firstResponse);
  }
}
