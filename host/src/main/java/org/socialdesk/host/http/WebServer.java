package org.socialdesk.host.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.WebRegistry;

/**
 * The embedded Jetty 12 server. It starts first, so liveness answers while the rest of Socialdesk
 * starts; servlets mounted later (plugins') are added to the running server. Requests run on
 * virtual threads; on stop, requests in flight get the configured grace period. Until {@link
 * #started()} is called, everything but liveness and readiness answers 503 (see {@link
 * RequestGuard}).
 */
public final class WebServer implements WebRegistry, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WebServer.class);

  /** Asked for by every browser on every page; public, and answered with no icon. */
  static final String FAVICON = "/favicon.ico";

  private static final List<String> RESERVED =
      List.of("/healthz", "/readyz", "/metrics", "/api/admin/*", FAVICON);

  private final String host;
  private final int port;
  private final Duration shutdownTimeout;
  private final AdminToken adminToken;
  private final Map<String, HttpServlet> servlets = new LinkedHashMap<>();
  private final Map<String, Access> accessByPath = new LinkedHashMap<>();
  private final RefusalLog refusals = new RefusalLog(Clock.systemUTC());
  private final RequestGuard guard = new RequestGuard(refusals);
  private final EventStreams eventStreams = new EventStreams();
  private final List<ServletPathSpec> publicPaths =
      new CopyOnWriteArrayList<>(
          List.of(
              new ServletPathSpec("/healthz"),
              new ServletPathSpec("/readyz"),
              new ServletPathSpec(FAVICON)));
  private Server server;
  private ServletContextHandler context;

  public WebServer(String host, int port, Duration shutdownTimeout, AdminToken adminToken) {
    this.host = host;
    this.port = port;
    this.shutdownTimeout = shutdownTimeout;
    this.adminToken = adminToken;
  }

  /**
   * Mounts the host's own endpoints.
   *
   * @param checks what readiness checks; the list may change while the server runs
   */
  public void mountHostEndpoints(
      List<ReadinessCheck> checks, Supplier<String> metrics, HttpServlet admin) {
    servlets.put("/healthz", new HealthServlets.Liveness());
    servlets.put("/readyz", new HealthServlets.Readiness(checks));
    servlets.put("/metrics", new HealthServlets.Metrics(metrics));
    servlets.put("/api/admin/*", admin);
    servlets.put(FAVICON, new NoIconServlet());
    accessByPath.put("/healthz", Access.PUBLIC);
    accessByPath.put("/readyz", Access.PUBLIC);
    accessByPath.put("/metrics", Access.ADMIN);
    accessByPath.put("/api/admin/*", Access.ADMIN);
    accessByPath.put(FAVICON, Access.PUBLIC);
  }

  /** Every mounted path spec, the host's and the plugins', with who may call it. */
  public synchronized Map<String, Access> mountedPaths() {
    return Map.copyOf(accessByPath);
  }

  /** Socialdesk has started: every endpoint is mounted, so requests may now reach them. */
  public void started() {
    guard.started();
  }

  @Override
  public synchronized void mount(String pathSpec, HttpServlet servlet, Access access) {
    if (RESERVED.contains(pathSpec) || servlets.containsKey(pathSpec)) {
      throw new IllegalArgumentException("the path " + pathSpec + " is already taken");
    }
    // Public first: a request arriving between the two steps is refused, never let through.
    if (access == Access.PUBLIC) {
      publicPaths.add(new ServletPathSpec(pathSpec));
    }
    servlets.put(pathSpec, servlet);
    accessByPath.put(pathSpec, access);
    if (context != null) {
      context.addServlet(holder(servlet), pathSpec);
    }
  }

  public synchronized void start() throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("http");
    threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server = new Server(threads);
    server.setStopTimeout(shutdownTimeout.toMillis());
    HttpConfiguration http = new HttpConfiguration();
    // Tell no client which server and version answers.
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);

    context = new ServletContextHandler();
    context.setContextPath("/");
    FilterHolder access = new FilterHolder(new AccessFilter(adminToken, publicPaths, refusals));
    // Servlets may answer asynchronously (the live wall's event stream), through the filter too.
    access.setAsyncSupported(true);
    context.addFilter(access, "/*", EnumSet.of(DispatcherType.REQUEST));
    FilterHolder streams = new FilterHolder(eventStreams);
    streams.setAsyncSupported(true);
    context.addFilter(streams, "/*", EnumSet.of(DispatcherType.REQUEST));
    servlets.forEach((path, servlet) -> context.addServlet(holder(servlet), path));
    context.setErrorHandler(new JsonErrorHandler());
    server.setErrorHandler(new JsonErrorHandler());
    guard.setHandler(context);
    server.setHandler(guard);
    server.start();
  }

  private static ServletHolder holder(HttpServlet servlet) {
    ServletHolder holder = new ServletHolder(servlet);
    holder.setAsyncSupported(true);
    return holder;
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /**
   * Stops, letting requests in progress finish for up to the shutdown timeout. Jetty stops the
   * server anyway when they do not, and then reports the timeout: that is not a failure to stop.
   * Server-sent event streams (the live wall) are ended first: they never finish by themselves.
   */
  @Override
  public synchronized void close() throws Exception {
    if (server != null) {
      eventStreams.endAll();
      try {
        server.stop();
      } catch (TimeoutException e) {
        log.atWarn()
            .addKeyValue("shutdownTimeout", shutdownTimeout)
            .log("Requests still running at the shutdown timeout were cut off");
      }
    }
  }
}
