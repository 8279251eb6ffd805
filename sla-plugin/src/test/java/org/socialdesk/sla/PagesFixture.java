package org.socialdesk.sla;

import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.sla.config.SlaReportConfig;
import org.socialdesk.sla.config.SlaWallConfig;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The SLA plugin started on a fake bus and an H2 database, its mounts served by an embedded Jetty,
 * with two weeks of clocks (2026-03-02 to 03-13, on x, mastodon and facebook; some late, so
 * breached) and a few conversations still waiting at {@link #NOW}. Used by the browser tests and to
 * take the documentation's screenshots.
 */
public final class PagesFixture implements AutoCloseable {

  public static final Instant NOW = Instant.parse("2026-03-13T15:00:00Z");
  public static final String TOKEN = "test-admin-token";
  private static final List<String> CHANNELS = List.of("x", "mastodon", "facebook");

  final ImmediateEventBus bus = new ImmediateEventBus();
  final SettableClock clock = new SettableClock(NOW);
  public final SlaPlugin plugin = new SlaPlugin();
  final TestingPluginContext context;
  final TestingJetty jetty;
  private int posts;

  public PagesFixture() throws Exception {
    this(SlaWallConfig.DEFAULTS);
  }

  /**
   * @param wall the wall's settings, e.g. whether it shows private messages' text
   */
  public PagesFixture(SlaWallConfig wall) throws Exception {
    this(wall, SlaReportConfig.DEFAULTS);
  }

  /**
   * @param wall the wall's settings
   * @param report the report's settings, e.g. the zone its days are in
   */
  public PagesFixture(SlaWallConfig wall, SlaReportConfig report) throws Exception {
    SlaConfig rules =
        config(
            rule("fast", sentiment("negative"), "24x7", "15m", "30m", "4h"),
            rule("default", null, "24x7", "1h", "2h", "1d"));
    context =
        TestingPluginContext.builder()
            .config(
                new SlaConfig(
                    rules.enabled(),
                    rules.warningAt(),
                    rules.calendars(),
                    rules.policies(),
                    rules.escalation(),
                    rules.outlets(),
                    rules.summaries(),
                    wall,
                    report))
            .dataSource(TestingDatabase.create())
            .events(bus)
            .clock(clock)
            .runMode(RunMode.COMMAND)
            .build();
    plugin.start(context);
    history();
    jetty = new TestingJetty(watchingTheWall(context.mounts()));
  }

  private final java.util.concurrent.CountDownLatch wallOpened =
      new java.util.concurrent.CountDownLatch(1);

  /** The mounts, the wall's stream counting its first request. */
  private Map<String, org.socialdesk.testkit.RecordingWebRegistry.Mount> watchingTheWall(
      Map<String, org.socialdesk.testkit.RecordingWebRegistry.Mount> mounts) {
    Map<String, org.socialdesk.testkit.RecordingWebRegistry.Mount> watched =
        new java.util.LinkedHashMap<>(mounts);
    org.socialdesk.testkit.RecordingWebRegistry.Mount stream = mounts.get("/api/wall/*");
    watched.put(
        "/api/wall/*",
        new org.socialdesk.testkit.RecordingWebRegistry.Mount(
            new jakarta.servlet.http.HttpServlet() {
              @Override
              protected void service(
                  jakarta.servlet.http.HttpServletRequest request,
                  jakarta.servlet.http.HttpServletResponse response)
                  throws jakarta.servlet.ServletException, java.io.IOException {
                wallOpened.countDown();
                stream.servlet().service(request, response);
              }
            },
            stream.access()));
    return watched;
  }

  /**
   * Stops the plugin, which ends the wall's stream, 2 s after a page opened it: the browser's
   * virtual time stands still while a request is open, so its budget runs out only then. Waiting
   * for the page rather than a fixed time keeps a slow machine from stopping the wall before the
   * browser got there.
   */
  public void stopTheWallOnceOpened() {
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                if (wallOpened.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                  Thread.sleep(2000);
                }
              } catch (InterruptedException e) {
                return;
              }
              plugin.stop();
            });
  }

  /** The fixture's clock (the wall's tests move it). */
  public SettableClock clock() {
    return clock;
  }

  /** What the plugin mounted, to serve with a test's own pages beside it. */
  public Map<String, org.socialdesk.testkit.RecordingWebRegistry.Mount> mounts() {
    return context.mounts();
  }

  /** The page's address with the admin token in the fragment, as a link would carry it. */
  public String page(String pathAndQuery) {
    return jetty.uri(pathAndQuery) + "#token=" + TOKEN;
  }

  private void history() {
    for (int day = 0; day < 11; day++) {
      Instant morning = Instant.parse("2026-03-02T08:00:00Z").plusSeconds(day * 86_400L);
      int count = 4 + day % 4;
      for (int i = 0; i < count; i++) {
        Sentiment.Label label = Sentiment.Label.values()[(day + i) % 3];
        Instant at = morning.plusSeconds(i * 2_700L);
        String ticket = "h" + day + "-" + i;
        routed(
            ticket,
            CHANNELS.get((day + i) % 3),
            "customer" + i,
            "Order " + ticket + " has not arrived",
            label,
            Influence.Tier.values()[i % 4],
            at);
        if ((day * 3 + i) % 7 != 6) { // about one in seven never answered
          long minutes = 4 + (day * 11L + i * 17L) % (label == Sentiment.Label.NEGATIVE ? 30 : 70);
          bus.publish(
              new org.socialdesk.api.event.SocialdeskEvent.ReplyPublished(
                  SlaEvents.ticket(ticket),
                  new PostKey(CHANNELS.get((day + i) % 3), ticket),
                  "r-" + ticket,
                  null,
                  Visibility.PUBLIC,
                  i % 2 == 0 ? "alice" : "bob",
                  at.plusSeconds(minutes * 60)));
        }
      }
    }
    // Today: four conversations still waiting.
    routed(
        "t1",
        "x",
        "angry_annie",
        "Third day without internet. Nobody answers!",
        Sentiment.Label.NEGATIVE,
        Influence.Tier.HIGH,
        NOW.minusSeconds(9 * 60));
    routed(
        "t2",
        "mastodon",
        "sam@fosstodon.org",
        "How do I move my plan to the new address?",
        Sentiment.Label.NEUTRAL,
        Influence.Tier.LOW,
        NOW.minusSeconds(20 * 60));
    routed(
        "t3",
        "facebook",
        "Petra K.",
        "The technician was great, thanks!",
        Sentiment.Label.POSITIVE,
        Influence.Tier.MEDIUM,
        NOW.minusSeconds(50 * 60));
    routed(
        "t4",
        "x",
        "bigvoice",
        "Your outage map is wrong again.",
        Sentiment.Label.NEGATIVE,
        Influence.Tier.VIP,
        NOW.minusSeconds(25 * 60));
  }

  /** Publishes a customer's new public conversation. */
  public PostRouted routed(
      String ticket,
      String network,
      String handle,
      String text,
      Sentiment.Label label,
      Influence.Tier tier,
      Instant postedAt) {
    return routed(ticket, network, handle, text, label, tier, postedAt, Visibility.PUBLIC);
  }

  /** Publishes a customer's new conversation, public or private (a DM). */
  public PostRouted routed(
      String ticket,
      String network,
      String handle,
      String text,
      Sentiment.Label label,
      Influence.Tier tier,
      Instant postedAt,
      Visibility visibility) {
    posts++;
    SocialPost post =
        new SocialPost(
            new PostKey(network, ticket),
            "conv-" + ticket,
            null,
            Author.of(network, "acct-" + handle, handle),
            text,
            postedAt,
            visibility,
            null,
            Engagement.NONE,
            Map.of());
    Enrichment enrichment =
        Enrichment.NONE
            .withLanguage("en")
            .withSentiment(new Sentiment(label, 0.9))
            .withInfluence(new Influence(tier, 40, List.of()));
    PostRouted event =
        new PostRouted(post, enrichment, SlaEvents.ticket(ticket), true, postedAt.plusSeconds(3));
    bus.publish(event);
    return event;
  }

  /**
   * An agent answers the conversation of {@code ticket} (first post {@code ticket}) at {@code at}.
   */
  public void replied(String ticket, String network, String agent, Instant at) {
    bus.publish(
        new org.socialdesk.api.event.SocialdeskEvent.ReplyPublished(
            SlaEvents.ticket(ticket),
            new PostKey(network, ticket),
            "r-" + ticket,
            null,
            Visibility.PUBLIC,
            agent,
            at));
  }

  public void breach(String ticket, Instant due) {
    bus.publish(
        new SlaAlert(
            SlaEvents.ticket(ticket),
            "first-response",
            SlaAlert.Level.BREACH,
            due,
            clock.instant()));
  }

  @Override
  public void close() throws Exception {
    jetty.close();
    plugin.stop();
    context.close();
  }
}
