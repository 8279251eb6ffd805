package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.SocialChannelConfig;
import org.socialdesk.channel.SocialChannelPlugin;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The plugin starts the Meta channel from its section: two networks, the webhook, the Meta rules.
 */
class MetaPluginTest {

  @Test
  void offersFacebookAndInstagramMountsTheWebhookAndAddsMetasReplyRules() throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();
    SocialChannelConfig config =
        new SocialChannelConfig(
            null,
            null,
            null,
            null,
            null,
            MetaStubs.config(URI.create("http://127.0.0.1:9")),
            null,
            null);
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .clock(new SettableClock(MetaStubs.NOW))
            .ingest(new RecordingIngest())
            .runMode(RunMode.COMMAND)
            .httpClients(Duration.ofSeconds(5))
            .build()) {

      plugin.start(context);

      assertThat(plugin.channels())
          .extracting(ChannelConnector::network)
          .containsExactly("facebook", "instagram");
      assertThat(plugin.channels())
          .allSatisfy(
              channel -> {
                assertThat(channel.publisher()).isPresent();
                assertThat(channel.publishesIdempotently()).isFalse();
              });
      assertThat(plugin.channels().get(0).textLimit().maxLength(Visibility.PRIVATE))
          .isEqualTo(2000);
      assertThat(plugin.channels().get(1).textLimit().maxLength(Visibility.PUBLIC)).isEqualTo(2200);
      assertThat(plugin.replyPolicies())
          .extracting(ReplyPolicy::name)
          .contains("dm-command", MetaReplyPolicy.NAME);
      assertThat(context.mounts().get("/api/channels/meta/webhook").access())
          .isEqualTo(WebRegistry.Access.PUBLIC);
      assertThat(plugin.checkPeers())
          .singleElement()
          .asString()
          .contains("cannot reach the Graph API");
      plugin.stop();
    }
  }

  @Test
  void startsNothingOfMetaWhenItsSectionIsOff() throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();
    SocialChannelConfig config = new SocialChannelConfig(null, null, null, null);
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .ingest(new RecordingIngest())
            .runMode(RunMode.SERVER)
            .build()) {

      plugin.start(context);

      assertThat(plugin.channels()).isEmpty();
      assertThat(plugin.replyPolicies())
          .extracting(ReplyPolicy::name)
          .doesNotContain(MetaReplyPolicy.NAME);
      assertThat(context.mounts()).isEmpty();
    }
  }
}
