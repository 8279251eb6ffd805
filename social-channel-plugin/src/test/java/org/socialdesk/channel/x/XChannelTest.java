package org.socialdesk.channel.x;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.socialdesk.channel.x.XStubs.BRAND_ID;
import static org.socialdesk.channel.x.XStubs.NOW;
import static org.socialdesk.channel.x.XStubs.id;
import static org.socialdesk.channel.x.XStubs.ok;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.reply.XTextLength;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingPluginContext;

class XChannelTest {

  @RegisterExtension static final XWireMock x = new XWireMock();

  @Test
  void isTheXNetworkWithWeightedLengthsAndNoIdempotentPublishing() {
    XChannel channel =
        XChannel.start(
            XStubs.config(x.baseUrl()), context(RunMode.COMMAND, new RecordingScheduler()));

    assertThat(channel.network()).isEqualTo("x");
    assertThat(channel.textLimit()).isInstanceOf(XTextLength.class);
    assertThat(channel.textLimit().maxLength(Visibility.PUBLIC)).isEqualTo(280);
    assertThat(channel.textLimit().maxLength(Visibility.PRIVATE)).isEqualTo(10_000);
    assertThat(channel.textLimit().length("กรุณา 🙏 https://example.com/a/very/long/path"))
        .isEqualTo(5 + 1 + 2 + 1 + 23);
    assertThat(channel.publisher()).isPresent();
    assertThat(channel.publishesIdempotently()).isFalse();
  }

  @Test
  void pollsMentionsAndMessagesOnlyWhenTheHostServes() {
    RecordingScheduler serving = new RecordingScheduler();
    RecordingScheduler command = new RecordingScheduler();

    XChannel channel = XChannel.start(XStubs.config(x.baseUrl()), context(RunMode.SERVER, serving));
    XChannel.start(XStubs.config(x.baseUrl()), context(RunMode.COMMAND, command));

    assertThat(serving.scheduled).hasSize(2);
    assertThat(serving.delays).containsExactly(60_000L, 60_000L);
    assertThat(command.scheduled).isEmpty();
    channel.stop();
    assertThat(serving.scheduled).allSatisfy(task -> assertThat(task.isCancelled()).isTrue());
  }

  @Test
  void inWebhookModeMountsTheWebhookAndPollsNothing() {
    RecordingScheduler scheduler = new RecordingScheduler();
    XConfig config =
        new XConfig(
            true,
            x.baseUrl(),
            BRAND_ID,
            null,
            null,
            XStubs.USER_TOKEN,
            XStubs.CONSUMER_SECRET,
            "webhook",
            null,
            null,
            null,
            null,
            null,
            null);
    TestingPluginContext context = context(RunMode.SERVER, scheduler);

    XChannel.start(config, context);

    assertThat(context.mounts()).containsOnlyKeys("/api/channels/x/webhook");
    assertThat(scheduler.scheduled).isEmpty();
  }

  @Test
  void refusesToStartWhenDisabled() {
    assertThatThrownBy(
            () ->
                XChannel.start(
                    XConfig.defaults(), context(RunMode.SERVER, new RecordingScheduler())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void startedForRealItPollsBothFeedsIntoTheInbox() throws Exception {
    x.server()
        .stubFor(
            get(urlPathEqualTo("/2/users/" + BRAND_ID + "/mentions"))
                .willReturn(
                    ok(
                        XStubs.page(
                            List.of(XStubs.post(id(3, 0), "2244994945", "@ShopKite hi")),
                            List.of(XStubs.user("2244994945", "nadia_k", "Nadia K.", 10)),
                            null))));
    x.server()
        .stubFor(
            get(urlPathEqualTo("/2/dm_events"))
                .willReturn(
                    ok(
                        XStubs.dmPage(
                            List.of(XStubs.message(id(2, 0), "2244994945", "hello")),
                            List.of(XStubs.user("2244994945", "nadia_k", "Nadia K.", 10)),
                            null))));
    RecordingIngest ingest = new RecordingIngest();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    TestingPluginContext context =
        TestingPluginContext.builder()
            .dataSource(TestingDatabase.shared(ChannelChangelog.RESOURCE, "channel_cursor"))
            .clock(Clock.systemUTC())
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .scheduler(scheduler)
            .httpClients(Duration.ofSeconds(5))
            .build();
    XConfig config =
        new XConfig(
            true,
            x.baseUrl(),
            BRAND_ID,
            null,
            null,
            XStubs.USER_TOKEN,
            null,
            null,
            null,
            null,
            Duration.ofDays(365 * 20),
            null,
            null,
            null);
    try {
      XChannel channel = XChannel.start(config, context);
      await("both mentions").atMost(Duration.ofSeconds(5)).until(() -> ingest.stored().size() >= 2);
      channel.stop();
    } finally {
      scheduler.shutdownNow();
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    assertThat(ingest.storedPostIds()).containsExactlyInAnyOrder(id(3, 0), id(2, 0));
  }

  private static TestingPluginContext context(RunMode mode, ScheduledExecutorService scheduler) {
    return TestingPluginContext.builder()
        .dataSource(TestingDatabase.shared(ChannelChangelog.RESOURCE))
        .clock(new SettableClock(NOW))
        .ingest(new RecordingIngest())
        .runMode(mode)
        .scheduler(scheduler)
        .httpClients(Duration.ofSeconds(5))
        .build();
  }

  /** Records what is scheduled and never runs it. */
  private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();
    final List<Long> delays = new CopyOnWriteArrayList<>();

    RecordingScheduler() {
      super(0);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      ScheduledFuture<?> future = super.schedule(() -> {}, 1, TimeUnit.DAYS);
      scheduled.add(future);
      delays.add(unit.toMillis(delay));
      return future;
    }
  }
}
