package org.socialdesk.channel;

import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** The social-channel plugin: the networks it connects and the reply workflow. */
public final class SocialChannelPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(SocialChannelPlugin.class);

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    context.config().bind(SocialChannelConfig.class);
  }
}
