package org.socialdesk.host.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.config.RtConfig;
import org.socialdesk.host.helpdesk.Helpdesks;
import org.socialdesk.host.httpclient.JdkHttpClients;
import org.socialdesk.host.metrics.MicrometerMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socialdesk rt provision}. */
@Command(
    name = "rt",
    description = "Request Tracker commands.",
    subcommands = RtCommand.Provision.class)
final class RtCommand {

  @Command(
      name = "provision",
      description =
          "Create the social queue and Socialdesk's custom fields in RT; safe to run again.")
  static final class Provision implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
      LoadedConfig loaded = config.load();
      RtConfig rt = loaded.config().helpdesk().rt();
      PrintWriter out = spec.commandLine().getOut();
      if (rt == null) {
        spec.commandLine()
            .getErr()
            .println("No helpdesk.rt section in " + loaded.source() + "; nothing to provision.");
        return 2;
      }
      try (JdkHttpClients http = new JdkHttpClients(loaded.config().httpClient());
          MicrometerMetrics metrics = new MicrometerMetrics();
          Helpdesks.Connected helpdesk = Helpdesks.connect(loaded.config(), http, metrics)) {
        List<String> actions = helpdesk.provision();
        if (actions.isEmpty()) {
          out.println(
              "Nothing to do: queue "
                  + rt.queue()
                  + " and all Socialdesk custom fields already exist in RT at "
                  + rt.url()
                  + ".");
        } else {
          actions.forEach(action -> out.println("- " + action));
          out.println("Provisioned " + rt.url() + " (" + actions.size() + " changes).");
        }
        return 0;
      }
    }
  }
}
