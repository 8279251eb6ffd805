package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;

import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingHttpClients;

class MetaSubscriptionCheckTest {

  @RegisterExtension static final MetaWireMock graph = new MetaWireMock();

  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);

  @Test
  void isQuietWhenAnAppIsSubscribedToTheFeedAndMessages() {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "subscribed_apps")))
                .willReturn(
                    MetaStubs.json(
                        "{\"data\":[{\"category\":\"Business\",\"link\":\"https://example.test\",\"name\":\"Socialdesk\",\"id\":\"1\","
                            + "\"subscribed_fields\":[\"feed\",\"mention\",\"messages\",\"message_edits\"]}]}")));

    assertThat(check().problems()).isEmpty();
  }

  @Test
  void saysWhatToCallWhenNoAppIsSubscribed() {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "subscribed_apps")))
                .willReturn(MetaStubs.json("{\"data\":[]}")));

    assertThat(check().problems())
        .singleElement()
        .asString()
        .contains("no app is subscribed", "subscribed_apps?subscribed_fields=feed");
  }

  @Test
  void saysWhyItCannotTell() {
    graph
        .server()
        .stubFor(
            get(urlPathEqualTo(MetaStubs.path(PAGE, "subscribed_apps")))
                .willReturn(
                    MetaStubs.graphError(403, 200, "Requires pages_manage_metadata permission")));

    assertThat(check().problems()).singleElement().asString().contains("pages_manage_metadata");
  }

  private MetaSubscriptionCheck check() {
    MetaConfig config = MetaStubs.config(graph.baseUrl());
    MetaTokens tokens = new MetaTokens(db, clock, new MetaTokenSeal(config.appSecret()));
    tokens.configure(PAGE, "page", config.pageAccessToken());
    return new MetaSubscriptionCheck(
        new MetaGraph(
            new TestingHttpClients(Duration.ofSeconds(5)).forPeer("meta"),
            config,
            Duration.ofSeconds(5),
            new MetaPacer(clock, 90, Duration.ofMinutes(5)),
            tokens),
        PAGE);
  }
}
