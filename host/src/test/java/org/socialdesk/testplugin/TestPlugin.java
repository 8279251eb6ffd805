package org.socialdesk.testplugin;

import java.util.List;
import org.socialdesk.api.Plugin;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;

/** A plugin the host tests pack into jars of their own, with whatever descriptor they need. */
public final class TestPlugin implements Plugin {

  private final PluginDescriptor descriptor = PluginDescriptor.of(TestPlugin.class);

  @Override
  public PluginDescriptor descriptor() {
    return descriptor;
  }

  /**
   * {@code hello-<id>}: a client command, so that tests can see which plugins' commands are listed.
   */
  @Override
  public List<PluginCommand> commands() {
    return List.of(
        new PluginCommand() {
          @Override
          public String name() {
            return "hello-" + descriptor.id();
          }

          @Override
          public String description() {
            return "says hello";
          }

          @Override
          public boolean startsHost() {
            return false;
          }

          @Override
          public int run(List<String> args, Terminal terminal) {
            terminal.out().println("hello from " + descriptor.id());
            return 0;
          }
        });
  }

  @Override
  public void start(PluginContext context) {
    if (Boolean.getBoolean("testplugin.fail-" + descriptor.id())) {
      throw new IllegalStateException("refusing to start, as asked");
    }
    if (Boolean.getBoolean("testplugin.invalid-" + descriptor.id())) {
      throw new org.socialdesk.api.ConfigException(
          "plugins."
              + descriptor.id()
              + " has 2 problems:\n    1. colour: unknown value 'mauve'\n    2. size: must be > 0, got -1");
    }
    if (Boolean.getBoolean("testplugin.crash-" + descriptor.id())) {
      // A periodic task that dies: the scheduler runs it no more, as a clock that stopped.
      context
          .scheduler()
          .scheduleWithFixedDelay(
              () -> {
                throw new IllegalStateException("the clock broke");
              },
              0,
              50,
              java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }
}
