package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.CUSTOMER;
import static org.socialdesk.channel.meta.MetaStubs.IG;
import static org.socialdesk.channel.meta.MetaStubs.IG_COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;

import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class MetaModerationTest {

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaItems items = new MetaItems(db);
  private final RecordingHelpdesk notes = new RecordingHelpdesk();
  private final TicketRef ticket = new TicketRef("rt", "42");

  @Test
  void hidesASpamCommentOnFacebookNeverDeletesItAndSaysSoOnTheTicket() {
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            false,
            false,
            NOW));
    graph
        .server()
        .stubFor(
            post(urlPathEqualTo(MetaStubs.path(COMMENT, null)))
                .withRequestBody(equalTo("is_hidden=true"))
                .willReturn(MetaStubs.json("{\"success\":true}")));

    moderation().onRouted(routed(MetaNetwork.FACEBOOK, COMMENT, Intent.SPAM));

    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
    assertThat(notes.texts())
        .singleElement()
        .asString()
        .contains("hid this comment", "not deleted");
    assertThat(graph.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.getMethod().getName()).isEqualTo("POST"));
  }

  @Test
  void hidesASpamCommentOnInstagramWithItsOwnParameter() {
    items.record(
        new MetaItem(
            MetaNetwork.INSTAGRAM,
            IG_COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            IG_MEDIA,
            CUSTOMER,
            false,
            false,
            NOW));
    graph
        .server()
        .stubFor(
            post(urlPathEqualTo(MetaStubs.path(IG_COMMENT, null)))
                .withRequestBody(equalTo("hide=true"))
                .willReturn(MetaStubs.json("{\"success\":true}")));

    moderation().onRouted(routed(MetaNetwork.INSTAGRAM, IG_COMMENT, Intent.SPAM));

    assertThat(items.find(MetaNetwork.INSTAGRAM, IG_COMMENT))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isTrue());
  }

  @Test
  void leavesCommentsThatAreNotSpamAlone() {
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            false,
            false,
            NOW));

    moderation().onRouted(routed(MetaNetwork.FACEBOOK, COMMENT, Intent.COMPLAINT));

    assertThat(graph.requests()).isEmpty();
    assertThat(notes.texts()).isEmpty();
  }

  @Test
  void saysOnTheTicketWhenTheCommentCouldNotBeHidden() {
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            false,
            false,
            NOW));
    graph
        .server()
        .stubFor(
            post(urlPathEqualTo(MetaStubs.path(COMMENT, null)))
                .willReturn(MetaStubs.graphError(403, 200, "Requires pages_manage_engagement")));

    moderation().onRouted(routed(MetaNetwork.FACEBOOK, COMMENT, Intent.SPAM));

    assertThat(notes.texts())
        .singleElement()
        .asString()
        .contains("could not hide", "pages_manage_engagement");
    assertThat(items.find(MetaNetwork.FACEBOOK, COMMENT))
        .hasValueSatisfying(item -> assertThat(item.hidden()).isFalse());
  }

  private MetaModeration moderation() {
    MetaConfig config = MetaStubs.config(graph.baseUrl());
    MetaTokens tokens = new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
    tokens.configure(PAGE, "page", config.pageAccessToken());
    tokens.configure(IG, "instagram", config.instagramToken());
    MetaGraph client =
        new MetaGraph(
            new TestingHttpClients(Duration.ofSeconds(5)).forPeer("meta"),
            config,
            Duration.ofSeconds(5),
            new MetaPacer(clock, 90, Duration.ofMinutes(5)),
            tokens);
    return new MetaModeration(client, items, config, notes, clock);
  }

  private SocialdeskEvent.PostRouted routed(MetaNetwork network, String id, Intent intent) {
    SocialPost post =
        new SocialPost(
            new PostKey(network.id(), id),
            id,
            null,
            Author.of(network.id(), CUSTOMER, "nadia"),
            "buy followers",
            NOW,
            Visibility.PUBLIC,
            null,
            Engagement.NONE,
            Map.of());
    return new SocialdeskEvent.PostRouted(
        post, Enrichment.NONE.withIntent(intent), ticket, true, NOW);
  }
}
