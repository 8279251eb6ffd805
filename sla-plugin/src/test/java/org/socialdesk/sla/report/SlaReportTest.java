package org.socialdesk.sla.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.sla.TestingDatabase;
import org.socialdesk.sla.clock.SlaClockEvents;
import org.socialdesk.sla.common.SlaJdbc;
import org.socialdesk.sla.policy.SlaPolicies;
import org.socialdesk.testkit.SettableClock;

class SlaReportTest {

  private static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z"); // a Tuesday

  private final Server server = new Server();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void fixtureAndServer() throws Exception {
    var db = TestingDatabase.create();
    SlaJdbc jdbc = new SlaJdbc(db);
    SlaPolicies policies =
        config(
                calendars("office", businessHours("Europe/Berlin", weekdays("09:00-17:00"))),
                rule("fast", sentiment("negative"), "24x7", "15m", "30m", "4h"),
                rule("default", null, "office", "1h", "2h", "1d"))
            .slaPolicies();
    SlaClockEvents events = new SlaClockEvents(jdbc, policies);
    var negative = SlaEvents.enrichment("en", Sentiment.Label.NEGATIVE, null, null, null, null);
    var neutral = SlaEvents.enrichment("en", Sentiment.Label.NEUTRAL, null, null, null, null);
    // 1, x, fast: answered by alice after 10 min; the customer writes again an hour later.
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("1"),
            SlaEvents.post("x", "a1", T0, Visibility.PUBLIC),
            negative,
            true));
    events.onReplyPublished(SlaEvents.reply("1", "a1", "alice", T0.plusSeconds(600)));
    events.onPostRouted(SlaEvents.laterPost("1", "a2", T0.plusSeconds(3600)));
    // 2, x, office: Friday 16:30 Berlin, answered Monday 09:30: 30 + 30 business minutes, in time.
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("2"),
            SlaEvents.post("x", "b1", Instant.parse("2026-03-13T15:30:00Z"), Visibility.PUBLIC),
            neutral,
            true));
    events.onReplyPublished(
        SlaEvents.reply("2", "b1", "bob", Instant.parse("2026-03-16T08:30:00Z")));
    // 3, mastodon, office: deleted after five minutes, so cancelled.
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("3"),
            SlaEvents.post("mastodon", "c1", T0, Visibility.PUBLIC),
            neutral,
            true));
    events.onPostChanged(
        new org.socialdesk.api.event.SocialdeskEvent.PostChanged(
            new org.socialdesk.api.social.PostKey("mastodon", "c1"),
            SlaEvents.ticket("3"),
            true,
            T0.plusSeconds(300)));
    // 4, mastodon, fast: answered after 30 min, a breach of the 15 min target.
    events.onPostRouted(
        SlaEvents.routed(
            SlaEvents.ticket("4"),
            SlaEvents.post("mastodon", "d1", T0, Visibility.PUBLIC),
            negative,
            true));
    events.onReplyPublished(SlaEvents.reply("4", "d1", "alice", T0.plusSeconds(1800)));

    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(
        new ServletHolder(
            new SlaReportServlet(
                new SlaReport(jdbc, policies),
                new SettableClock(Instant.parse("2026-03-20T00:00:00Z")))),
        "/api/sla/*");
    server.setHandler(context);
    server.start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.stop();
  }

  private HttpResponse<String> get(String query) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sla/report?" + query))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode json(String query) throws Exception {
    HttpResponse<String> response = get(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "to=9999-12-31&groupBy=channel",
        "from=2026-03-01&to=9999-12-31&groupBy=channel",
        "from=-999999999-01-01T00:00:00Z&to=%2B1000000000-12-31T23:59:59Z&groupBy=channel",
        "from=0001-01-01&to=2026-03-31&groupBy=channel",
        "from=2030-01-01&to=2030-01-31&groupBy=day",
        "from=2026-04-01&groupBy=channel"
      })
  void aPeriodNoPostCanFallInIsA400SayingWhyNotAnEmptyReport(String query) throws Exception {
    HttpResponse<String> response = get(query);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
        .containsAnyOf("before 2006-01-01", "in the future", "more than a year ahead", "after to");
  }

  @Test
  void aPeriodEndingWithinTheComingYearIsAllowed() throws Exception {
    // "This month" or "this year", asked before it ends.
    assertThat(
            json("from=2026-03-01&to=2026-12-31&groupBy=channel")
                .path("totals")
                .path("posts")
                .asLong())
        .isEqualTo(5);
  }

  @Test
  void groupByDefaultsToChannelAsThePageFirstShows() throws Exception {
    JsonNode report = json("from=2026-03-01&to=2026-03-31");

    assertThat(report.path("groupBy").asText()).isEqualTo("channel");
    assertThat(report.path("groups").get(0).path("key").asText()).isEqualTo("mastodon");
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH"})
  void anyMethodButGetIsAJson405(String method) throws Exception {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + port + "/api/sla/report?from=2026-03-01&groupBy=day"))
                .method(method, HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("content-type").orElse(""))
        .startsWith("application/json");
    assertThat(response.headers().firstValue("allow")).hasValue("GET, HEAD");
    assertThat(new ObjectMapper().readTree(response.body()).path("error").asText())
        .isEqualTo(method + " is not allowed here; the report is read with GET");
  }

  @Test
  void reportByChannelMatchesHandComputedFiguresIncludingBusinessHours() throws Exception {
    JsonNode report = json("from=2026-03-01&to=2026-03-31&groupBy=channel");

    JsonNode mastodon = report.path("groups").get(0);
    assertThat(mastodon.path("key").asText()).isEqualTo("mastodon");
    assertThat(mastodon.path("posts").asLong()).isEqualTo(2);
    assertThat(mastodon.path("conversations").asLong()).isEqualTo(1); // the cancelled one left out
    assertThat(mastodon.path("repliedConversations").asLong()).isEqualTo(1);
    assertThat(mastodon.path("responseRate").asDouble()).isEqualTo(1.0);
    assertThat(mastodon.path("firstResponseSeconds").path("median").asLong()).isEqualTo(1800);
    assertThat(mastodon.path("breaches").asLong()).isEqualTo(1);

    JsonNode x = report.path("groups").get(1);
    assertThat(x.path("key").asText()).isEqualTo("x");
    assertThat(x.path("posts").asLong()).isEqualTo(3); // two first posts and one later post
    assertThat(x.path("conversations").asLong()).isEqualTo(2);
    assertThat(x.path("repliedConversations").asLong()).isEqualTo(2);
    assertThat(x.path("firstResponseSeconds").path("mean").asDouble())
        .isEqualTo(2100.0); // (600 + 3600) / 2
    assertThat(x.path("firstResponseSeconds").path("median").asLong()).isEqualTo(600);
    assertThat(x.path("firstResponseSeconds").path("p90").asLong())
        .isEqualTo(3600); // the weekend not counted
    assertThat(x.path("breaches").asLong()).isEqualTo(0);

    JsonNode totals = report.path("totals");
    assertThat(totals.path("posts").asLong()).isEqualTo(5);
    assertThat(totals.path("conversations").asLong()).isEqualTo(3);
    assertThat(totals.path("repliedConversations").asLong()).isEqualTo(3);
    assertThat(totals.path("firstResponseSeconds").path("mean").asDouble()).isEqualTo(2000.0);
    assertThat(totals.path("firstResponseSeconds").path("median").asLong()).isEqualTo(1800);
    assertThat(totals.path("firstResponseSeconds").path("p90").asLong()).isEqualTo(3600);
    assertThat(totals.path("breaches").asLong()).isEqualTo(1);
  }

  @Test
  void reportByAgentCountsTheConversationsEachAnswered() throws Exception {
    JsonNode groups = json("from=2026-03-01&to=2026-03-31&groupBy=agent").path("groups");

    assertThat(groups.get(0).path("key").asText()).isEqualTo("alice");
    assertThat(groups.get(0).path("repliedConversations").asLong()).isEqualTo(2);
    assertThat(groups.get(1).path("key").asText()).isEqualTo("bob");
    assertThat(groups.get(2).path("key").isNull()).isTrue(); // clocks nobody answered
  }

  @Test
  void reportByWeekUsesIsoWeeksInUtc() throws Exception {
    JsonNode groups = json("from=2026-03-01&to=2026-03-31&groupBy=week").path("groups");

    assertThat(groups.get(0).path("key").asText()).isEqualTo("2026-W11");
    assertThat(groups.get(0).path("posts").asLong()).isEqualTo(5);
  }

  @Test
  void periodLeavesOutClocksStartedOutsideIt() throws Exception {
    JsonNode totals = json("from=2026-03-11&to=2026-03-31&groupBy=day").path("totals");

    assertThat(totals.path("posts").asLong()).isEqualTo(1); // only ticket 2, on the 13th
  }

  @Test
  void csvHasAHeaderRowThenOneRowPerGroupAndTheTotals() throws Exception {
    HttpResponse<String> response = get("from=2026-03-01&to=2026-03-31&groupBy=channel&format=csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(response.body().split("\r\n"))
        .containsExactly(
            "row,key,posts,conversations,repliedConversations,responseRate,firstResponseMeanSeconds,"
                + "firstResponseMedianSeconds,firstResponseP90Seconds,breaches",
            "group,mastodon,2,1,1,1.0,1800.0,1800,1800,1",
            "group,x,3,2,2,1.0,2100.0,600,3600,0",
            "total,,5,3,3,1.0,2000.0,1800,3600,1");
  }

  @Test
  void badParametersAreA400NamingTheParameter() throws Exception {
    assertThat(get("from=yesterday&to=2026-03-31&groupBy=channel"))
        .satisfies(r -> assertThat(r.statusCode()).isEqualTo(400))
        .satisfies(r -> assertThat(r.body()).contains("from must be a date"));
    assertThat(get("from=2026-03-01&to=2026-03-31&groupBy=colour").body())
        .contains(
            "groupBy 'colour' is unknown; one of agent, channel, day, influence, language, queue, sentiment, week");
    assertThat(get("from=2026-03-31&to=2026-03-01&groupBy=channel").body())
        .contains("from (2026-03-31T00:00:00Z) is after to");
    assertThat(get("groupBy=channel&format=xml").statusCode()).isEqualTo(400);
  }
}
