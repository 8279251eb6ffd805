package org.socialdesk.host.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code socialdesk version}. */
@Command(name = "version", description = "Print the Socialdesk and plugin API versions.")
final class VersionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Versions versions = Versions.ofThisBuild();
    spec.commandLine()
        .getOut()
        .printf(
            "Socialdesk %s (plugin API %s, Java %s)%n",
            versions.socialdesk(), versions.api(), Runtime.version());
    return 0;
  }
}
