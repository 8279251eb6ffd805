package org.socialdesk.sentiment;

import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** The sentiment plugin: language, sentiment, influence and intent for every social ticket. */
public final class SentimentPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(SentimentPlugin.class);

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    context.config().bind(SentimentConfig.class);
  }
}
