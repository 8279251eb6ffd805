package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.channel.ChannelConnector;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.SocialChannelConfig;
import org.socialdesk.channel.SocialChannelPlugin;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

/** The plugin starts the sandbox only when its section enables it. */
class SandboxPluginTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T12:00:00Z"));

  @Test
  void startsTheSandboxChannelAndMountsItsEndpointsForAdminsWhenEnabled() throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();
    TestingPluginContext context = context(true, RunMode.SERVER);

    plugin.start(context);

    assertThat(context.mounts()).containsOnlyKeys("/api/channels/sandbox/*");
    assertThat(context.mounts().get("/api/channels/sandbox/*").access())
        .isEqualTo(WebRegistry.Access.ADMIN);
    assertThat(plugin.channels())
        .singleElement()
        .satisfies(
            channel -> {
              assertThat(channel.network()).isEqualTo("sandbox");
              assertThat(channel.publisher()).isPresent();
              assertThat(channel.textLimit().maxLength(Visibility.PUBLIC)).isEqualTo(280);
              assertThat(channel.textLimit().maxLength(Visibility.PRIVATE)).isEqualTo(10_000);
            });
    plugin.stop();
  }

  /**
   * The host publishes again a reply a crash cut off only on a network that says it deduplicates.
   */
  @Test
  void declaresThatPublishingTheSameReplyTwicePublishesItOnceSoACutOffReplyIsRetried()
      throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();
    TestingPluginContext context = context(true, RunMode.SERVER);

    plugin.start(context);

    assertThat(plugin.channels())
        .singleElement()
        .satisfies(channel -> assertThat(channel.publishesIdempotently()).isTrue());
    plugin.stop();
  }

  @Test
  void startsInCommandModeWithoutNeedingTheScheduler() throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();

    plugin.start(context(true, RunMode.COMMAND));

    assertThat(plugin.channels()).extracting(ChannelConnector::network).containsExactly("sandbox");
  }

  @Test
  void startsNoChannelAndMountsNothingWhenTheSandboxIsOff() throws Exception {
    SocialChannelPlugin plugin = new SocialChannelPlugin();
    TestingPluginContext context = context(false, RunMode.SERVER);

    plugin.start(context);

    assertThat(plugin.channels()).isEmpty();
    assertThat(context.mounts()).isEmpty();
  }

  @Test
  void offersTheSandboxCommandBeforeStart() {
    assertThat(new SocialChannelPlugin().commands())
        .singleElement()
        .satisfies(command -> assertThat(command.name()).isEqualTo("sandbox"));
  }

  private TestingPluginContext context(boolean sandboxEnabled, RunMode mode) {
    SocialChannelConfig config =
        new SocialChannelConfig(
            new SocialChannelConfig.SandboxConfig(sandboxEnabled), null, null, null);
    return TestingPluginContext.builder()
        .config(config)
        .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
        .clock(clock)
        .ingest(new RecordingIngest())
        .runMode(mode)
        .build();
  }
}
