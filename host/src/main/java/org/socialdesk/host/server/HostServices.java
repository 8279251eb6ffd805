package org.socialdesk.host.server;

import java.time.Clock;
import javax.sql.DataSource;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.HttpClients;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.helpdesk.HelpdeskGateway;

/** The host services every plugin context shares. */
record HostServices(
    DataSource dataSource,
    EventBus events,
    Clock clock,
    HttpClients httpClients,
    Metrics metrics,
    WebRegistry web,
    Ingest ingest,
    HelpdeskGateway helpdesk) {}
