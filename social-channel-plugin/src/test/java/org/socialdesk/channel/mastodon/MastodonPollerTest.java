package org.socialdesk.channel.mastodon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class MastodonPollerTest {

  @RegisterExtension
  static WireMockExtension mastodon =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private DataSource database;
  private MastodonCursor cursor;
  private MastodonStatuses statuses;

  @BeforeEach
  void createDatabase() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    cursor = new MastodonCursor(database, "localhost", clock);
    statuses = new MastodonStatuses(database, "localhost");
  }

  @AfterEach
  void closeClient() {
    http.close();
  }

  private MastodonPoller poller(String accountId) {
    URI base = URI.create(mastodon.baseUrl());
    MastodonApi api = new MastodonApi(http, base, Secret.of("brand-token"), Duration.ofSeconds(15));
    MastodonInbound inbound =
        new MastodonInbound(
            new MastodonStatusReader("brand.example", clock),
            new MastodonAccount(api, accountId),
            statuses,
            ingest,
            clock);
    return new MastodonPoller(api, cursor, inbound, clock);
  }

  private static MappingBuilder notifications(String minId) {
    return get(urlPathEqualTo("/api/v1/notifications"))
        .withHeader("Authorization", equalTo("Bearer brand-token"))
        .withQueryParam("types[]", havingExactly("mention", "update"))
        .withQueryParam("include_filtered", equalTo("true"))
        .withQueryParam("limit", equalTo("40"))
        .withQueryParam("min_id", minId == null ? absent() : equalTo(minId));
  }

  private static List<ObjectNode> mentions(int fromId, int toId) {
    return IntStream.rangeClosed(fromId, toId)
        .mapToObj(id -> MastodonJson.mention(String.valueOf(id)))
        .toList();
  }

  private static String link(String olderMaxId, String newerMinId) {
    String base = "<https://brand.example/api/v1/notifications?";
    return base
        + "max_id="
        + olderMaxId
        + ">; rel=\"next\", "
        + base
        + "min_id="
        + newerMinId
        + ">; rel=\"prev\"";
  }

  @Test
  void walksNewerPagesByTheirPrevLinkOldestFirstAndKeepsTheNewestIdAsCursor() throws Exception {
    cursor.write("100");
    mastodon.stubFor(
        notifications("100")
            .willReturn(
                okJson(MastodonJson.page(mentions(101, 140)))
                    .withHeader("Link", link("101", "140"))));
    mastodon.stubFor(
        notifications("140")
            .willReturn(
                okJson(MastodonJson.page(mentions(141, 142)))
                    .withHeader("Link", link("141", "142"))));

    MastodonPoller.Outcome outcome = poller(MastodonJson.BRAND_ID).poll();

    assertThat(outcome).isEqualTo(MastodonPoller.Outcome.CAUGHT_UP);
    List<String> expected = new ArrayList<>();
    IntStream.rangeClosed(101, 142).forEach(id -> expected.add("s" + id));
    assertThat(ingest.acceptedPostIds()).containsExactlyElementsOf(expected);
    assertThat(cursor.read()).contains("142");
    mastodon.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo("100")));
    mastodon.verify(
        1,
        getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo("140")));
    mastodon.verify(2, getRequestedFor(urlPathEqualTo("/api/v1/notifications")));
  }

  @Test
  void movesTheCursorOnlyPastStoredPostsAndResumesFromItWhenTheHostIsBack() throws Exception {
    cursor.write("200");
    mastodon.stubFor(
        notifications("200").willReturn(okJson(MastodonJson.page(mentions(201, 204)))));
    mastodon.stubFor(
        notifications("202").willReturn(okJson(MastodonJson.page(mentions(203, 204)))));
    ingest.failFor("s203");

    MastodonPoller poller = poller(MastodonJson.BRAND_ID);
    assertThat(poller.poll()).isEqualTo(MastodonPoller.Outcome.INGEST_UNAVAILABLE);
    assertThat(ingest.acceptedPostIds()).containsExactly("s201", "s202");
    assertThat(cursor.read()).contains("202");

    ingest.recover();
    assertThat(poller.poll()).isEqualTo(MastodonPoller.Outcome.CAUGHT_UP);
    assertThat(ingest.acceptedPostIds()).containsExactly("s201", "s202", "s203", "s204");
    assertThat(cursor.read()).contains("204");
  }

  @Test
  void skipsTheBrandsOwnStatusesButMovesPastThem() throws Exception {
    cursor.write("300");
    ObjectNode own =
        MastodonJson.notification(
            "302",
            "mention",
            MastodonJson.status("s302", MastodonJson.brand(), "<p>@brand thanks everyone</p>"));
    mastodon.stubFor(
        notifications("300")
            .willReturn(
                okJson(
                    MastodonJson.page(
                        List.of(MastodonJson.mention("301"), own, MastodonJson.mention("303"))))));

    poller(MastodonJson.BRAND_ID).poll();

    assertThat(ingest.acceptedPostIds()).containsExactly("s301", "s303");
    assertThat(cursor.read()).contains("303");
  }

  @Test
  void looksUpTheBrandsAccountIdWhenNotConfigured() throws Exception {
    cursor.write("300");
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/accounts/verify_credentials"))
            .willReturn(okJson(MastodonJson.brand().toString())));
    ObjectNode own =
        MastodonJson.notification(
            "301",
            "mention",
            MastodonJson.status("s301", MastodonJson.brand(), "<p>self mention</p>"));
    mastodon.stubFor(
        notifications("300")
            .willReturn(okJson(MastodonJson.page(List.of(own, MastodonJson.mention("302"))))));

    MastodonPoller poller = poller(null);
    poller.poll();
    poller.poll();

    assertThat(ingest.acceptedPostIds()).containsExactly("s302");
    mastodon.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/accounts/verify_credentials")));
  }

  @Test
  void startsWithTheNewestPageWhenThereIsNoCursorYet() throws Exception {
    mastodon.stubFor(notifications(null).willReturn(okJson(MastodonJson.page(mentions(401, 403)))));

    poller(MastodonJson.BRAND_ID).poll();

    assertThat(ingest.acceptedPostIds()).containsExactly("s401", "s402", "s403");
    assertThat(cursor.read()).contains("403");
  }

  @Test
  void turnsAnUpdateNotificationOfAStatusTakenInIntoAnEditAndIgnoresOthers() throws Exception {
    cursor.write("500");
    ObjectNode edited =
        MastodonJson.status("s501", MastodonJson.customer(), "<p>Order 42, not 24</p>");
    edited.put("edited_at", "2026-11-23T11:30:00.000Z");
    ObjectNode strangerEdited =
        MastodonJson.status("s999", MastodonJson.customer(), "<p>unrelated</p>");
    mastodon.stubFor(
        notifications("500")
            .willReturn(
                okJson(
                    MastodonJson.page(
                        List.of(
                            MastodonJson.mention("501"),
                            MastodonJson.notification("502", "update", edited),
                            MastodonJson.notification("503", "update", strangerEdited),
                            MastodonJson.notification(
                                "504", "favourite", MastodonJson.mentionStatus("s504")))))));

    poller(MastodonJson.BRAND_ID).poll();

    assertThat(ingest.accepted()).hasSize(2);
    assertThat(ingest.accepted().get(1))
        .isEqualTo(
            new InboundEvent.PostEdited(
                new PostKey("mastodon", "s501"),
                "Order 42, not 24",
                Instant.parse("2026-11-23T11:30:00Z")));
    assertThat(statuses.visibility("s501")).contains("public");
    assertThat(cursor.read()).contains("504");
  }

  @Test
  void waitsForTheRateLimitResetAfterA429() throws Exception {
    cursor.write("600");
    mastodon.stubFor(
        notifications("600")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("X-RateLimit-Limit", "300")
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", "2026-11-23T12:02:30.000Z")
                    .withBody("{\"error\":\"Too many requests\"}")));
    MastodonPoller poller = poller(MastodonJson.BRAND_ID);

    assertThat(poller.poll()).isEqualTo(MastodonPoller.Outcome.RATE_LIMITED);
    clock.advance(Duration.ofMinutes(2));
    assertThat(poller.poll()).isEqualTo(MastodonPoller.Outcome.RATE_LIMITED);
    mastodon.verify(1, getRequestedFor(urlPathEqualTo("/api/v1/notifications")));

    mastodon.stubFor(
        notifications("600").willReturn(okJson(MastodonJson.page(mentions(601, 601)))));
    clock.advance(Duration.ofSeconds(31));
    assertThat(poller.poll()).isEqualTo(MastodonPoller.Outcome.CAUGHT_UP);
    assertThat(ingest.acceptedPostIds()).containsExactly("s601");
  }

  @Test
  void keepsTheCursorWhenMastodonFails() throws Exception {
    cursor.write("700");
    mastodon.stubFor(
        notifications("700")
            .willReturn(aResponse().withStatus(503).withBody("<html>Bad gateway</html>")));

    assertThat(poller(MastodonJson.BRAND_ID).poll()).isEqualTo(MastodonPoller.Outcome.FAILED);
    assertThat(cursor.read()).contains("700");
  }

  @Test
  void quarantinesANotificationItCannotReadAndGoesOn() throws Exception {
    cursor.write("800");
    ObjectNode broken = MastodonJson.mention("801");
    ((ObjectNode) broken.path("status")).put("created_at", "not a time");
    mastodon.stubFor(
        notifications("800")
            .willReturn(okJson(MastodonJson.page(List.of(broken, MastodonJson.mention("802"))))));

    poller(MastodonJson.BRAND_ID).poll();

    assertThat(ingest.acceptedPostIds()).containsExactly("s802");
    assertThat(cursor.read()).contains("802");
    assertThat(ingest.quarantined())
        .singleElement()
        .satisfies(
            kept -> {
              assertThat(kept.network()).isEqualTo("mastodon");
              assertThat(kept.payload()).contains("not a time");
              assertThat(kept.reason()).isNotBlank();
            });
  }

  @Test
  void readsTheNewerPagesMinIdFromTheLinkHeader() {
    String header =
        "<https://mastodon.example/api/v1/notifications?max_id=34975535>; rel=\"next\", "
            + "<https://mastodon.example/api/v1/notifications?types%5B%5D=mention&min_id=34975861>; rel=\"prev\"";

    assertThat(MastodonLinks.newerMinId(header)).contains("34975861");
    assertThat(
            MastodonLinks.newerMinId(
                "<https://m.example/api/v1/notifications?max_id=1>; rel=\"next\""))
        .isEmpty();
    assertThat(MastodonLinks.newerMinId(null)).isEmpty();
  }
}
