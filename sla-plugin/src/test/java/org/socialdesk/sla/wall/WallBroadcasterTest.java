package org.socialdesk.sla.wall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.SlaEvents;
import org.socialdesk.testkit.ImmediateEventBus;
import org.socialdesk.testkit.SettableClock;

class WallBroadcasterTest {

  private static final Instant T = Instant.parse("2026-03-13T15:00:00Z");
  private final SettableClock clock = new SettableClock(T);
  private final AtomicInteger boards = new AtomicInteger();
  private final WallBroadcaster wall =
      new WallBroadcaster(
          () -> Map.of("clocks", List.of(), "n", boards.incrementAndGet()), clock, 4);
  private final ImmediateEventBus bus = new ImmediateEventBus();

  private static final Duration NOW = Duration.ofMillis(1);

  private void post(String id, Sentiment.Label label) {
    bus.publish(
        SlaEvents.routed(
            SlaEvents.ticket(id),
            SlaEvents.post("x", id, T, Visibility.PUBLIC),
            SlaEvents.enrichment("en", label, null, null, null, null),
            true));
  }

  @Test
  void everyConnectionStartsWithASnapshotOfWhatHappenedBefore() throws Exception {
    wall.subscribe(bus);
    post("p1", Sentiment.Label.NEGATIVE);
    bus.publish(
        new SlaAlert(SlaEvents.ticket("p0"), "first-response", SlaAlert.Level.BREACH, T, T));

    WallBroadcaster.Connection connection = wall.connect();
    WallBroadcaster.Message first = connection.next(NOW);

    assertThat(first.event()).isEqualTo("snapshot");
    assertThat(first.data())
        .contains(
            "\"id\":\"p1\"", "\"sentiment\":\"negative\"", "\"level\":\"breach\"", "\"board\":{");
    assertThat(first.wire()).startsWith("event: snapshot\ndata: {").endsWith("}\n\n");
    assertThat(connection.next(NOW)).isNull(); // nothing else yet: the writer sends a heartbeat

    post("p2", Sentiment.Label.POSITIVE);
    assertThat(connection.next(NOW))
        .satisfies(
            m -> {
              assertThat(m.event()).isEqualTo("post");
              assertThat(m.data()).contains("\"id\":\"p2\"", "\"sentiment\":\"positive\"");
            });
  }

  private static final String SECRET_TEXT =
      "my card number is 4111 and my address is Rua Augusta 12";

  private void privateMessage(WallBroadcaster to, String id) {
    ImmediateEventBus events = new ImmediateEventBus();
    to.subscribe(events);
    org.socialdesk.api.social.SocialPost dm =
        new org.socialdesk.api.social.SocialPost(
            new org.socialdesk.api.social.PostKey("x", id),
            "conv-" + id,
            null,
            org.socialdesk.api.social.Author.of("x", "a-" + id, "someone"),
            SECRET_TEXT,
            T,
            Visibility.PRIVATE,
            null,
            org.socialdesk.api.social.Engagement.NONE,
            Map.of());
    events.publish(
        SlaEvents.routed(
            SlaEvents.ticket(id),
            dm,
            SlaEvents.enrichment("en", Sentiment.Label.NEGATIVE, null, null, null, null),
            true));
  }

  @Test
  void aPrivateMessageIsMarkedAndItsTextNeverReachesTheStreamByDefault() throws Exception {
    WallBroadcaster.Connection live = wall.connect();
    live.next(NOW);
    privateMessage(wall, "dm1");

    WallBroadcaster.Message post = live.next(NOW);
    assertThat(post.event()).isEqualTo("post");
    assertThat(post.data())
        .contains("\"id\":\"dm1\"", "\"private\":true", "\"text\":null")
        .doesNotContain("4111", "Rua Augusta");
    WallBroadcaster.Message snapshot = wall.connect().next(NOW);
    assertThat(snapshot.data()).contains("\"private\":true").doesNotContain("4111", "Rua Augusta");
  }

  @Test
  void aPublicPostIsMarkedPublicWithItsText() throws Exception {
    wall.subscribe(bus);
    post("p1", Sentiment.Label.NEUTRAL);

    assertThat(wall.connect().next(NOW).data()).contains("\"private\":false", "\"text\":\"help\"");
  }

  @Test
  void aPrivateMessagesTextIsShownWhenTheAdminTurnsItOn() throws Exception {
    WallBroadcaster showing = new WallBroadcaster(() -> Map.of(), clock, 4, true);
    privateMessage(showing, "dm2");

    assertThat(showing.connect().next(NOW).data()).contains("\"private\":true", SECRET_TEXT);
  }

  @Test
  void aSlowConnectionLosesItsOldestMessagesIsMarkedLaggingAndGetsAFreshSnapshot()
      throws Exception {
    wall.subscribe(bus);
    WallBroadcaster.Connection slow = wall.connect();
    WallBroadcaster.Connection fast = wall.connect();
    assertThat(fast.next(NOW).event()).isEqualTo("snapshot");

    for (int i = 0; i < 10; i++) {
      post("p" + i, Sentiment.Label.NEUTRAL);
      assertThat(fast.next(NOW).data()).contains("\"id\":\"p" + i + "\"");
    }

    assertThat(slow.queued()).isEqualTo(4); // bounded: publishing never waited for it
    assertThat(slow.lagging()).isTrue();
    assertThat(fast.lagging()).isFalse();
    WallBroadcaster.Message lag = slow.next(NOW);
    assertThat(lag.event()).isEqualTo("lagging");
    assertThat(lag.data()).isEqualTo("{\"dropped\":7}"); // the snapshot and p0..p5 of 11
    WallBroadcaster.Message snapshot = slow.next(NOW);
    assertThat(snapshot.event()).isEqualTo("snapshot");
    assertThat(snapshot.data()).contains("\"id\":\"p9\"");
    assertThat(slow.lagging()).isFalse();
    assertThat(slow.next(NOW)).isNull();
  }

  @Test
  void refreshSendsTheBoardAndTheSpikeStateAndNegativeBurstsRaiseASpike() throws Exception {
    wall.subscribe(bus);
    WallBroadcaster.Connection connection = wall.connect();
    connection.next(NOW);
    wall.refresh();
    assertThat(connection.next(NOW)).satisfies(m -> assertThat(m.event()).isEqualTo("board"));
    assertThat(connection.next(NOW).data()).contains("\"alert\":false");

    for (int i = 0; i < 5; i++) {
      post("n" + i, Sentiment.Label.NEGATIVE);
      assertThat(connection.next(NOW).event()).isEqualTo("post");
    }
    WallBroadcaster.Message spike = connection.next(NOW);
    assertThat(spike.event()).isEqualTo("spike");
    assertThat(spike.data()).contains("\"alert\":true", "\"lastMinute\":5");
  }

  @Test
  void closingEndsTheStreamsAndRefusesNewOnes() {
    WallBroadcaster.Connection connection = wall.connect();
    wall.close();

    assertThatThrownBy(
            () -> {
              connection.next(NOW);
              connection.next(Duration.ofSeconds(5));
            })
        .isInstanceOf(InterruptedException.class);
    assertThat(wall.connectionCount()).isZero();
    assertThatThrownBy(wall::connect).isInstanceOf(IllegalStateException.class);
  }

  private void postedAt(String id, Instant postedAt) {
    bus.publish(
        SlaEvents.routed(
            SlaEvents.ticket(id),
            SlaEvents.post("x", id, postedAt, Visibility.PUBLIC),
            SlaEvents.enrichment("en", Sentiment.Label.NEUTRAL, null, null, null, null),
            true));
  }

  @Test
  void aNewConnectionAfterMinutesWithoutAWallGetsAFreshBoardNotTheLastOneSent() throws Exception {
    WallBroadcaster.Connection first = wall.connect();
    assertThat(first.next(NOW).data()).contains("\"n\":1");
    first.close();
    wall.refresh(); // nobody watching: nothing read
    clock.set(T.plus(Duration.ofMinutes(7)));
    wall.refresh();

    WallBroadcaster.Message snapshot = wall.connect().next(NOW);

    assertThat(snapshot.data()).contains("\"n\":2").doesNotContain("\"n\":1");
  }

  @Test
  void theSnapshotListsIncomingInPostingOrderWhateverTheOrderTheyArrivedIn() throws Exception {
    wall.subscribe(bus);
    postedAt("late-but-newest", T.minusSeconds(60));
    postedAt("oldest", T.minusSeconds(600));
    postedAt("middle", T.minusSeconds(300));

    String data = wall.connect().next(NOW).data();

    assertThat(data.indexOf("\"oldest\"")).isLessThan(data.indexOf("\"middle\""));
    assertThat(data.indexOf("\"middle\"")).isLessThan(data.indexOf("\"late-but-newest\""));
  }

  @Test
  void aSpikeStaysInTheAlertListAfterItsMinute() throws Exception {
    wall.subscribe(bus);
    for (int i = 0; i < 6; i++) {
      post("n" + i, Sentiment.Label.NEGATIVE);
    }
    clock.set(T.plus(Duration.ofMinutes(3)));
    wall.refresh();

    String data = wall.connect().next(NOW).data();

    assertThat(data).contains("\"spike\":{\"alert\":false"); // the banner is gone
    assertThat(data)
        .contains("\"level\":\"spike\"", "\"lastMinute\":6", "\"minute\":\"2026-03-13T15:00:00Z\"");
  }

  @Test
  void aPostOrAnAlertDeliveredTwiceShowsOnce() throws Exception {
    wall.subscribe(bus);
    post("p1", Sentiment.Label.NEUTRAL);
    post("p1", Sentiment.Label.NEUTRAL);
    SlaAlert breach =
        new SlaAlert(SlaEvents.ticket("p0"), "first-response", SlaAlert.Level.BREACH, T, T);
    bus.publish(breach);
    bus.publish(breach);

    String data = wall.connect().next(NOW).data();

    assertThat(data.split("\"id\":\"p1\"", -1)).hasSize(2);
    assertThat(data.split("\"level\":\"breach\"", -1)).hasSize(2);
  }
}
