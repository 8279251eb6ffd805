package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.IG;
import static org.socialdesk.channel.meta.MetaStubs.IGSID;
import static org.socialdesk.channel.meta.MetaStubs.IG_COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.webhook.WebhookQueue;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class MetaInstagramProfilesTest {

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private static final String DISCOVERY =
      "business_discovery.username(%s){followers_count,username}";

  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaInstagramProfiles profiles = profiles();

  @Test
  void aProfessionalAccountsCountReachesItsLaterCommentsWithoutTheIntakeWaitingForGraph()
      throws Exception {
    stub(
        "bluebottle",
        MetaStubs.json(
            "{\"business_discovery\":{\"followers_count\":48210,\"username\":\"bluebottle\",\"id\":\"17841400000000077\"},\"id\":\""
                + IG
                + "\"}"));
    MetaChangeReader reader = new MetaChangeReader(PAGE, IG, profiles::followers);

    SocialPost first = comment(reader, "bluebottle");
    assertThat(graph.requests()).as("nothing asked on the intake path").isEmpty();
    profiles.fetchQueued();
    SocialPost later = comment(reader, "bluebottle");

    assertThat(first.author().followers()).as("unknown at first").isZero();
    assertThat(later.author().followers()).isEqualTo(48_210);
    assertThat(later.author().verified()).as("Graph gives no verified flag here").isFalse();
    graph
        .server()
        .verify(
            getRequestedFor(urlPathEqualTo(MetaStubs.path(IG, null)))
                .withQueryParam("fields", equalTo(DISCOVERY.formatted("bluebottle"))));
  }

  @Test
  void aFirstCommentReadFromTheWebhookQueueAlreadyCarriesItsAuthorsCount() throws Exception {
    stub(
        "bluebottle",
        MetaStubs.json(
            "{\"business_discovery\":{\"followers_count\":48210,\"username\":\"bluebottle\"}}"));
    RecordingIngest ingest = new RecordingIngest();
    MetaWebhookReader reader =
        new MetaWebhookReader(
            new MetaChangeReader(PAGE, IG, profiles::followers),
            PAGE,
            IG,
            new MetaPrivateReplies(db, clock)::latestTo);
    MetaQueuedDeliveries queued =
        new MetaQueuedDeliveries(
            reader,
            new MetaDelivery(
                ingest, new MetaItems(db), new MetaHiddenNotes(db, RecordingHelpdesk::new, clock)),
            ingest,
            profiles::fetchQueued);

    queued.store(List.of(new WebhookQueue.Delivery(1, igComment("bluebottle"), NOW, 0)));

    assertThat(ingest.stored())
        .singleElement()
        .satisfies(
            event ->
                assertThat(((InboundEvent.NewPost) event).post().author().followers())
                    .isEqualTo(48_210));
  }

  @Test
  void lookupsStayWithinTheirBudgetOfARoundAndGoOnInTheNext() throws Exception {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(IG, null)))
                .willReturn(
                    MetaStubs.json(
                        "{\"business_discovery\":{\"followers_count\":5,\"username\":\"x\"}}")));
    int names = MetaInstagramProfiles.PER_ROUND + 5;
    for (int i = 0; i < names; i++) {
      profiles.followers("fan" + i);
    }

    assertThat(profiles.fetchQueued()).isEqualTo(MetaInstagramProfiles.PER_ROUND);
    assertThat(profiles.fetchQueued()).as("the round's calls are spent").isZero();
    assertThat(graph.requests()).hasSize(MetaInstagramProfiles.PER_ROUND);

    clock.advance(MetaInstagramProfiles.ROUND);
    assertThat(profiles.fetchQueued()).isEqualTo(5);
    assertThat(graph.requests()).hasSize(names);
  }

  @Test
  void aThrottledLookupEndsTheRoundsCalls() throws Exception {
    stub("bluebottle", MetaStubs.graphError(400, 4, "Application request limit reached"));
    profiles.followers("bluebottle");
    profiles.followers("nadia.k");

    profiles.fetchQueued();
    profiles.fetchQueued();

    assertThat(graph.requests()).as("one call, then none until the next round").hasSize(1);
  }

  @Test
  void aPersonalAccountHasNoCountAndIsNotAskedAgainForAWeek() throws Exception {
    stub(
        "nadia.k",
        MetaStubs.graphError(
            400, 110, "Invalid user id: Cannot find User nadia.k (business discovery)"));

    profiles.followers("nadia.k");
    profiles.fetchQueued();
    profiles.followers("nadia.k");
    profiles.fetchQueued();
    MetaInstagramProfiles afterRestart = profiles();
    afterRestart.load();
    afterRestart.followers("nadia.k");
    afterRestart.fetchQueued();

    assertThat(profiles.followers("nadia.k")).isZero();
    assertThat(graph.requests()).hasSize(1);

    clock.advance(MetaInstagramProfiles.FRESH.plusMinutes(1));
    profiles.followers("nadia.k");
    profiles.fetchQueued();
    assertThat(graph.requests()).hasSize(2);
  }

  @Test
  void aThrottledLookupWaitsForTheNextRound() throws Exception {
    stub("bluebottle", MetaStubs.graphError(400, 4, "Application request limit reached"));

    profiles.followers("bluebottle");
    profiles.fetchQueued();
    assertThat(profiles.followers("bluebottle")).isZero();

    graph.server().resetAll();
    stub(
        "bluebottle",
        MetaStubs.json(
            "{\"business_discovery\":{\"followers_count\":12,\"username\":\"bluebottle\"}}"));
    clock.advance(Duration.ofMinutes(10));
    profiles.fetchQueued();

    assertThat(profiles.followers("bluebottle")).isEqualTo(12);
  }

  @Test
  void aNameThatIsNotAnInstagramUsernameIsNeverPutIntoAGraphQuery() {
    for (String name : List.of("a){followers_count}", "x,id", "", "a".repeat(31))) {
      assertThat(profiles.followers(name)).isZero();
    }
    profiles.fetchQueued();

    assertThat(graph.requests()).isEmpty();
  }

  private void stub(
      String username, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(IG, null)))
                .withQueryParam("fields", equalTo(DISCOVERY.formatted(username)))
                .willReturn(answer));
  }

  private MetaInstagramProfiles profiles() {
    MetaConfig config = MetaStubs.config(graph.baseUrl());
    MetaTokens tokens = new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
    tokens.configure(PAGE, "page", config.pageAccessToken());
    tokens.configure(IG, "instagram", config.instagramToken());
    MetaGraph client =
        new MetaGraph(
            // Generous: a loaded machine must not turn a slow emulator into a missed answer.
            new TestingHttpClients(Duration.ofSeconds(30)).forPeer("meta"),
            config,
            Duration.ofSeconds(30),
            new MetaPacer(clock, 90, Duration.ofMinutes(5)),
            tokens);
    return new MetaInstagramProfiles(client, IG, db, clock);
  }

  /** A webhook delivery of one Instagram comment by {@code username}. */
  private static String igComment(String username) {
    return "{\"object\":\"instagram\",\"entry\":[{\"id\":\""
        + IG
        + "\",\"time\":"
        + NOW.getEpochSecond()
        + ",\"changes\":["
        + "{\"field\":\"comments\",\"value\":{\"id\":\""
        + IG_COMMENT
        + "\",\"from\":{\"id\":\""
        + IGSID
        + "\",\"username\":\""
        + username
        + "\"},\"text\":\"Does it come in blue?\",\"media\":{\"id\":\""
        + IG_MEDIA
        + "\"}}}]}]}";
  }

  private static SocialPost comment(MetaChangeReader reader, String username) throws Exception {
    JsonNode change =
        MetaJson.MAPPER.readTree(
            "{\"field\":\"comments\",\"value\":{\"id\":\""
                + IG_COMMENT
                + "\",\"text\":\"Love it\",\"from\":{\"id\":\""
                + IGSID
                + "\",\"username\":\""
                + username
                + "\"},\"media\":{\"id\":\""
                + IG_MEDIA
                + "\"}}}");
    return ((MetaInbound.Post) reader.instagram(change, NOW).getFirst()).post();
  }
}
