package org.socialdesk.host.server;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.ApiVersion;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.PluginCommand;
import org.socialdesk.api.PluginContext;
import org.socialdesk.api.PluginDescriptor;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.host.config.LoadedConfig;
import org.socialdesk.host.config.SocialdeskConfig;
import org.socialdesk.host.events.InProcessEventBus;
import org.socialdesk.host.helpdesk.Helpdesks;
import org.socialdesk.host.http.AdminToken;
import org.socialdesk.host.http.ReadinessCheck;
import org.socialdesk.host.http.WebServer;
import org.socialdesk.host.httpclient.JdkHttpClients;
import org.socialdesk.host.metrics.MicrometerMetrics;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.plugin.ContextualExtensions;
import org.socialdesk.host.plugin.Extensions;
import org.socialdesk.host.plugin.PluginManager;
import org.socialdesk.host.replies.PublicationLog;
import org.socialdesk.host.storage.Database;
import org.socialdesk.host.storage.SchemaMigrations;

/**
 * A running Socialdesk: database, plugins, pipeline and HTTP server, assembled from the
 * configuration. Closing it stops them in reverse order of start.
 */
public final class SocialdeskServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SocialdeskServer.class);

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final WebServer web;
  private final PluginManager plugins;
  private final List<ReadinessCheck> checks;
  private final Helpdesks.Connected helpdesk;

  private SocialdeskServer(
      WebServer web,
      PluginManager plugins,
      List<ReadinessCheck> checks,
      Helpdesks.Connected helpdesk) {
    this.web = web;
    this.plugins = plugins;
    this.checks = checks;
    this.helpdesk = helpdesk;
  }

  /**
   * Starts everything; on failure releases what was started and rethrows. When serving, HTTP starts
   * first: {@code /healthz} answers at once and {@code /readyz} says "starting" until the database,
   * the plugins and the pipeline are up. In {@link RunMode#COMMAND} the database and plugins start,
   * but neither HTTP nor background work.
   */
  public static SocialdeskServer start(
      LoadedConfig loaded, ServerPaths paths, Clock clock, RunMode mode) throws Exception {
    SocialdeskConfig config = loaded.config();
    List<AutoCloseable> started = new ArrayList<>();
    try {
      long begin = System.nanoTime();
      MicrometerMetrics metrics = track(started, new MicrometerMetrics());
      DataFolder.secure(paths.data());
      WebServer web = newWebServer(config, paths);
      List<ReadinessCheck> checks = new CopyOnWriteArrayList<>(List.of(STARTING));
      java.util.concurrent.atomic.AtomicReference<PublicationLog> publications =
          new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicReference<Pipeline> pipelineForAdmins =
          new java.util.concurrent.atomic.AtomicReference<>();
      PluginManager plugins = new PluginManager(paths.pluginsDir(config), ApiVersion.CURRENT);
      if (mode == RunMode.SERVER) {
        web.mountHostEndpoints(
            checks,
            metrics::scrape,
            new AdminServlet(plugins, publications::get, pipelineForAdmins::get));
        web.start();
        started.add(web);
      }
      long httpReady = System.nanoTime();

      Database.compactEmbeddedFile(config.database());
      Database database = track(started, Database.open(config.database()));
      SchemaMigrations migrations = new SchemaMigrations(database.dataSource());
      migrations.applyHost();
      publications.set(new PublicationLog(database.dataSource()));
      InProcessEventBus events = track(started, new InProcessEventBus());
      JdkHttpClients httpClients = track(started, new JdkHttpClients(config.httpClient()));
      Helpdesks.Connected helpdesk =
          track(started, Helpdesks.connect(config, httpClients, metrics));
      Pipeline pipeline =
          track(
              started,
              new Pipeline(
                  database.dataSource(),
                  clock,
                  helpdesk.gateway(),
                  events,
                  metrics,
                  config.pipeline(),
                  helpdesk.queue(),
                  helpdesk.pollInterval()));
      pipelineForAdmins.set(pipeline);
      long databaseReady = System.nanoTime();

      HostServices services =
          new HostServices(
              database.dataSource(),
              events,
              clock,
              httpClients,
              metrics,
              web,
              pipeline.ingest(),
              helpdesk.gateway());
      List<HostPluginContext> contexts = new ArrayList<>();
      plugins.discover();
      plugins.startAll(
          (descriptor, loader) -> applyPluginSchema(migrations, descriptor, loader),
          descriptor -> newContext(loaded, services, contexts, descriptor, mode));
      // Plugins stop before their contexts' schedulers are shut down, and before HTTP stops.
      started.addAll(contexts);
      started.add(plugins);
      if (mode == RunMode.SERVER) {
        refuseInvalidPlugins(plugins);
      }
      // The pipeline stops before the plugins: a post routed or an activity read once a plugin has
      // unsubscribed would count as delivered to it, and its at-least-once delivery would be lost.
      started.remove(pipeline);
      started.add(pipeline);
      // HTTP stops first on shutdown, letting requests in flight finish while all else still runs.
      started.remove(web);
      started.add(web);
      List<ReadinessCheck> peerChecks = new ArrayList<>(readinessChecks(database, helpdesk));
      peerChecks.add(pluginsCheck(contexts));
      SocialdeskServer server = new SocialdeskServer(web, plugins, peerChecks, helpdesk);
      if (mode == RunMode.SERVER) {
        web.mount(
            "/api/helpdesk/doorbell",
            new DoorbellServlet(pipeline::ringDoorbell),
            WebRegistry.Access.PUBLIC);
        startPipeline(pipeline, helpdesk, plugins);
        // Requests first, readiness second: once /readyz says ready, no request hears "starting".
        web.started();
        checks.addAll(peerChecks);
        checks.remove(STARTING);
      }
      // Again now that the database and its trace file exist; the folder's 700 covers files created
      // later.
      DataFolder.secure(paths.data());
      server.resources.addAll(started);
      log.atInfo()
          .addKeyValue(
              "address", config.server().host() + ":" + (mode == RunMode.SERVER ? web.port() : "-"))
          .addKeyValue("config", loaded.source())
          .addKeyValue("database", config.database().isPostgres() ? "postgresql" : "h2")
          .addKeyValue("httpMs", millis(begin, httpReady))
          .addKeyValue("databaseMs", millis(httpReady, databaseReady))
          .addKeyValue("pluginsMs", millis(databaseReady, System.nanoTime()))
          .addKeyValue(
              "jvmUptimeMs", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime())
          .log(mode == RunMode.SERVER ? "Socialdesk started" : "Socialdesk ready for a command");
      return server;
    } catch (Exception | Error e) {
      closeAll(started);
      throw e;
    }
  }

  /**
   * A server does not run without a plugin the admin configured wrongly (its clocks, channels or
   * pages would silently be missing): every such plugin's problems, all at once, as {@code
   * socialdesk check} lists them.
   */
  private static void refuseInvalidPlugins(PluginManager plugins) {
    List<String> problems = plugins.configurationProblems();
    if (problems.isEmpty()) {
      return;
    }
    StringBuilder message =
        new StringBuilder("Socialdesk did not start: ")
            .append(problems.size() == 1 ? "1 plugin has" : problems.size() + " plugins have")
            .append(" an invalid configuration (socialdesk check lists the same):");
    problems.forEach(
        problem -> message.append(System.lineSeparator()).append("  ").append(problem));
    throw new ConfigException(message.toString());
  }

  /** Not ready while a started plugin has a periodic task that died (e.g. the SLA clock). */
  private static ReadinessCheck pluginsCheck(List<HostPluginContext> contexts) {
    List<HostPluginContext> all = List.copyOf(contexts);
    return new ReadinessCheck() {
      @Override
      public String name() {
        return "plugins";
      }

      @Override
      public Optional<String> problem() {
        List<String> failures =
            all.stream()
                .flatMap(
                    context ->
                        context
                            .runtimeFailure()
                            .map(f -> "plugin " + context.descriptor().id() + ": " + f)
                            .stream())
                .toList();
        return failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
      }
    };
  }

  /** What /readyz answers until everything has started. */
  private static final ReadinessCheck STARTING =
      new ReadinessCheck() {
        @Override
        public String name() {
          return "startup";
        }

        @Override
        public Optional<String> problem() {
          return Optional.of("starting");
        }
      };

  private static WebServer newWebServer(SocialdeskConfig config, ServerPaths paths)
      throws java.io.IOException {
    Secret adminSecret =
        config.server().adminToken() != null
            ? config.server().adminToken()
            : AdminTokens.loadOrCreate(paths.data().resolve("admin-token"));
    return new WebServer(
        config.server().host(),
        config.server().port(),
        config.server().shutdownTimeout(),
        new AdminToken(adminSecret));
  }

  private static void startPipeline(
      Pipeline pipeline, Helpdesks.Connected helpdesk, PluginManager plugins) {
    if (!helpdesk.isConfigured()) {
      log.warn("No helpdesk configured (helpdesk.rt): posts are stored in the inbox and wait");
      return;
    }
    pipeline.start(
        new Extensions(
            ContextualExtensions.enrichers(plugins),
            ContextualExtensions.replyPolicies(plugins),
            ContextualExtensions.slaHooks(plugins),
            ContextualExtensions.channels(plugins).stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        ChannelConnector::network, c -> c, (a, b) -> a))));
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static PluginContext newContext(
      LoadedConfig loaded,
      HostServices services,
      List<HostPluginContext> contexts,
      PluginDescriptor descriptor,
      RunMode mode) {
    HostPluginContext context =
        new HostPluginContext(descriptor, loaded.pluginSection(descriptor.id()), services, mode);
    contexts.add(context);
    return context;
  }

  private static void applyPluginSchema(
      SchemaMigrations migrations, PluginDescriptor descriptor, ClassLoader loader) {
    if (descriptor.hasChangelog()) {
      migrations.apply(descriptor.changelog(), loader, "plugin " + descriptor.id());
    }
  }

  private static List<ReadinessCheck> readinessChecks(
      Database database, Helpdesks.Connected helpdesk) {
    ReadinessCheck databaseCheck =
        new ReadinessCheck() {
          @Override
          public String name() {
            return "database";
          }

          @Override
          public Optional<String> problem() {
            return database.isReachable()
                ? Optional.empty()
                : Optional.of("the database does not answer");
          }
        };
    if (!helpdesk.isConfigured()) {
      return List.of(databaseCheck);
    }
    ReadinessCheck helpdeskCheck =
        new ReadinessCheck() {
          @Override
          public String name() {
            return "helpdesk";
          }

          @Override
          public Optional<String> problem() {
            return helpdesk.problem();
          }
        };
    return List.of(databaseCheck, helpdeskCheck);
  }

  public int port() {
    return web.port();
  }

  /** Every path spec served over HTTP, the host's and the plugins', with who may call it. */
  public java.util.Map<String, WebRegistry.Access> mountedPaths() {
    return web.mountedPaths();
  }

  /** The command-line commands of the started plugins. */
  public List<PluginCommand> pluginCommands() {
    return plugins.started().stream()
        .flatMap(p -> plugins.callInto(p, p::commands).stream())
        .toList();
  }

  /** What is wrong with the database and the helpdesk, one line each. */
  public List<String> peerProblems() {
    return checks.stream()
        .flatMap(c -> c.problem().map(p -> c.name() + ": " + p).stream())
        .toList();
  }

  public Helpdesks.Connected helpdesk() {
    return helpdesk;
  }

  public PluginManager plugins() {
    return plugins;
  }

  @Override
  public void close() {
    closeAll(resources);
    log.info("Socialdesk stopped");
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> started, T resource) {
    started.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> started) {
    for (AutoCloseable resource : started.reversed()) {
      try {
        resource.close();
      } catch (Exception e) {
        log.atWarn().setCause(e).log("Failed to close {}", resource.getClass().getSimpleName());
      }
    }
    started.clear();
  }
}
