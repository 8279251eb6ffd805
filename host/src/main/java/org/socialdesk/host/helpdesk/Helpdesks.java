package org.socialdesk.host.helpdesk;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.socialdesk.api.HttpClients;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.host.config.RtConfig;
import org.socialdesk.host.config.SocialdeskConfig;
import org.socialdesk.host.helpdesk.rt.RtHelpdesk;

/** The helpdesk the configuration names, or a stand-in that makes posts wait when there is none. */
public final class Helpdesks {

  private Helpdesks() {}

  /** A connected helpdesk and the settings the pipeline needs from its section. */
  public record Connected(
      HelpdeskGateway gateway, String queue, Duration pollInterval, RtHelpdesk rt)
      implements AutoCloseable {

    @Override
    public void close() throws InterruptedException {
      if (rt != null) {
        rt.close();
      }
    }

    public boolean isConfigured() {
      return rt != null;
    }

    /** What is wrong with the helpdesk, in one line; empty when it answers and is provisioned. */
    public Optional<String> problem() {
      return rt == null ? Optional.empty() : rt.problem();
    }

    /** Creates what Socialdesk needs in the helpdesk; one line per thing created. */
    public List<String> provision() {
      if (rt == null) {
        throw new IllegalStateException(
            "no helpdesk is configured: set helpdesk.rt in the configuration file");
      }
      return rt.provision();
    }
  }

  public static Connected connect(
      SocialdeskConfig config, HttpClients httpClients, Metrics metrics) {
    RtConfig rt = config.helpdesk().rt();
    if (rt == null) {
      return new Connected(new UnconfiguredHelpdesk(), "Social", Duration.ofSeconds(2), null);
    }
    RtHelpdesk gateway =
        new RtHelpdesk(rt, httpClients.forPeer("rt"), httpClients.requestTimeout(), metrics);
    return new Connected(gateway, rt.queue(), rt.pollInterval(), gateway);
  }
}
