package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.SocialChannelConfig;
import org.socialdesk.channel.SocialChannelPlugin;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/**
 * The plugin with {@code line.enabled}: the channel, its webhook, its quota policy and its
 * enricher.
 */
class LinePluginTest {

  @Test
  void startsTheLineChannelWithItsPolicyAndEnricherWhenEnabled() throws Exception {
    SocialChannelConfig config =
        new SocialChannelConfig(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            LineWebhookServletTest.config(URI.create("http://127.0.0.1:9")));
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(config)
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .clock(new SettableClock(LineWebhookServletTest.NOW))
            .ingest(new RecordingIngest())
            .runMode(RunMode.COMMAND)
            .httpClients(Duration.ofSeconds(1))
            .build()) {
      SocialChannelPlugin plugin = new SocialChannelPlugin();

      plugin.start(context);

      assertThat(plugin.channels()).extracting(ChannelConnector::network).containsExactly("line");
      assertThat(plugin.replyPolicies())
          .extracting(ReplyPolicy::name)
          .contains(LineQuotaPolicy.NAME, "length", "personal-data");
      assertThat(plugin.enrichers())
          .extracting(Enricher::name)
          .containsExactly("line-profile-language");
      assertThat(context.mounts()).containsKeys(LineWebhookServlet.PATH, LineContentServlet.PATH);
      plugin.stop();
    }
  }

  @Test
  void leavesLineOffByDefault() throws Exception {
    try (TestingPluginContext context =
        TestingPluginContext.builder()
            .config(new SocialChannelConfig(null, null, null, null))
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .ingest(new RecordingIngest())
            .runMode(RunMode.SERVER)
            .build()) {
      SocialChannelPlugin plugin = new SocialChannelPlugin();

      plugin.start(context);

      assertThat(plugin.channels()).isEmpty();
      assertThat(plugin.enrichers()).isEmpty();
      assertThat(plugin.replyPolicies())
          .extracting(ReplyPolicy::name)
          .doesNotContain(LineQuotaPolicy.NAME);
    }
  }
}
