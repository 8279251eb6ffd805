package org.socialdesk.host.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.socialdesk.api.RunMode;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.server.ServerPaths;
import org.socialdesk.host.server.SocialdeskServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code socialdesk run}: serves until SIGTERM or Ctrl-C, then shuts down gracefully. */
@Command(name = "run", description = "Start the Socialdesk server.")
final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws Exception {
    LoadedConfig loaded = config.load();
    SocialdeskServer server =
        SocialdeskServer.start(
            loaded, ServerPaths.ofThisProcess(), Clock.systemUTC(), RunMode.SERVER);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("shutdown")
                .unstarted(
                    () -> {
                      server.close();
                      stopped.countDown();
                    }));
    stopped.await();
    return 0;
  }
}
