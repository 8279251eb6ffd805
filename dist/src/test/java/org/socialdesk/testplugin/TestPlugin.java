package org.socialdesk.testplugin;

import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** A plugin the host tests pack into jars of their own, with whatever descriptor they need. */
public final class TestPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(TestPlugin.class);

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public void start(PluginContext context) {
    if (Boolean.getBoolean("testplugin.fail-" + descriptor.id())) {
      throw new IllegalStateException("refusing to start, as asked");
    }
  }
}
