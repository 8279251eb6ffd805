package org.socialdesk.api;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;

/**
 * What the host gives a plugin. One instance per plugin; valid from {@link Plugin#start} until
 * {@link Plugin#stop}. New services arrive here as default methods.
 */
public interface PluginContext {

  PluginDescriptor descriptor();

  /**
   * Whether the host runs as a server or for one command-line command. Plugins start background
   * work (pollers, streams, schedules) only in {@link RunMode#SERVER}.
   */
  RunMode runMode();

  /** This plugin's section of the configuration file ({@code plugins.<id>}). */
  ConfigSection config();

  /** The host's database, with this plugin's changelog already applied. */
  DataSource dataSource();

  EventBus events();

  /** The time source; tests substitute a settable one. */
  Clock clock();

  /** A scheduler whose tasks run on virtual threads and stop with the plugin. */
  ScheduledExecutorService scheduler();

  HttpClients httpClients();

  Metrics metrics();

  WebRegistry web();

  /** Where channels hand inbound posts; a post is acknowledged only once stored. */
  Ingest ingest();

  /** The helpdesk the host is connected to (Request Tracker first). */
  HelpdeskGateway helpdesk();
}
