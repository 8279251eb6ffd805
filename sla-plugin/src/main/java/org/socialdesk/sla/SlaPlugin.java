package org.socialdesk.sla;

import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** The SLA plugin. */
public final class SlaPlugin implements Plugin {

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
