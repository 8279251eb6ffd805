package org.socialdesk.sla.wall;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.EventBus;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.event.SocialdeskEvent.PostRouted;
import org.socialdesk.api.event.SocialdeskEvent.SlaAlert;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.common.SlaJson;

/**
 * Fans the wall's live data out to every connected stream. Subscribed to the event bus, it turns
 * {@code PostRouted} and {@code SlaAlert} events into server-sent events, keeps the recent ones for
 * the snapshot each new connection starts with (stored in the database by {@link WallHistory}, so a
 * restart does not empty the wall), counts negative posts for the {@link WallSpikeDetector} (a
 * spike also goes to the alert list, where it stays after its minute), and every few seconds
 * ({@link #refresh()}) sends the board (running clocks, today's response rate) read from the
 * database. Incoming is kept in posting order, not arrival order.
 *
 * <p>Each connection has a bounded queue: publishing never blocks and never waits for a wall. A
 * connection that falls behind loses its oldest messages and is marked lagging; its writer then
 * sends a {@code lagging} event and a fresh {@code snapshot} instead of what is left.
 */
public final class WallBroadcaster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WallBroadcaster.class);

  public static final int DEFAULT_QUEUE = 500;
  static final int RECENT_POSTS = 40;
  static final int RECENT_ALERTS = 30;
  static final int MAX_TEXT = 400;

  /** The oldest board a new connection's snapshot may carry; older, it is read again. */
  static final Duration BOARD_MAX_AGE = Duration.ofSeconds(5);

  /** The level of a spike in the alert list (SLA alerts are "warning" or "breach"). */
  static final String SPIKE = "spike";

  private static final Comparator<Map<String, Object>> POSTING_ORDER =
      Comparator.comparing((Map<String, Object> p) -> Instant.parse((String) p.get("postedAt")));

  /** One server-sent event. */
  record Message(String event, String data) {
    /** Its text on the wire. */
    String wire() {
      return "event: " + event + "\ndata: " + data + "\n\n";
    }
  }

  private final Supplier<Map<String, Object>> board;
  private final Clock clock;
  private final int queueCapacity;
  private final boolean showPrivateText;
  private final ZoneId zone;
  private final WallHistory history;
  private final WallSpikeDetector spikes = new WallSpikeDetector();
  private final List<Map<String, Object>> recentPosts = new ArrayList<>();
  private final List<Map<String, Object>> recentAlerts = new ArrayList<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private Map<String, Object> lastBoard;
  private Instant lastBoardAt = Instant.MIN;
  private boolean spiking;
  private volatile boolean closed;

  /** A wall that hides private messages' text. */
  public WallBroadcaster(Supplier<Map<String, Object>> board, Clock clock, int queueCapacity) {
    this(board, clock, queueCapacity, false);
  }

  /**
   * @param showPrivateText whether private messages' text goes to the wall ({@code
   *     plugins.sla.wall})
   */
  public WallBroadcaster(
      Supplier<Map<String, Object>> board,
      Clock clock,
      int queueCapacity,
      boolean showPrivateText) {
    this(board, clock, queueCapacity, showPrivateText, ZoneId.of("UTC"), null);
  }

  /**
   * A wall whose lists survive a restart.
   *
   * @param zone the zone the page shows dates and times in ({@code plugins.sla.wall.zone})
   * @param history where the lists are stored and read back from at start; null keeps them in
   *     memory only
   */
  public WallBroadcaster(
      Supplier<Map<String, Object>> board,
      Clock clock,
      int queueCapacity,
      boolean showPrivateText,
      ZoneId zone,
      WallHistory history) {
    this.board = Objects.requireNonNull(board, "board");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (queueCapacity < 2) {
      throw new IllegalArgumentException("queueCapacity must be >= 2");
    }
    this.queueCapacity = queueCapacity;
    this.showPrivateText = showPrivateText;
    this.zone = Objects.requireNonNull(zone, "zone");
    this.history = history;
    if (history != null) {
      restore(history);
    }
  }

  /** What the wall showed before a restart; a database that fails here leaves the lists empty. */
  private void restore(WallHistory history) {
    try {
      recentPosts.addAll(history.posts(RECENT_POSTS, showPrivateText));
      recentAlerts.addAll(history.alerts(RECENT_ALERTS));
    } catch (RuntimeException e) {
      LOG.warn("Wall lists could not be read back; the wall starts empty", e);
    }
  }

  /** Subscribes to the events the wall shows. */
  public List<EventBus.Subscription> subscribe(EventBus events) {
    return List.of(
        events.subscribe(PostRouted.class, this::onPostRouted),
        events.subscribe(SlaAlert.class, this::onSlaAlert));
  }

  void onPostRouted(PostRouted event) {
    Map<String, Object> post = post(event, showPrivateText);
    boolean negative =
        event.enrichment().sentiment() != null
            && event.enrichment().sentiment().label() == Sentiment.Label.NEGATIVE;
    store(() -> history.addPost(post));
    Map<String, Object> spike;
    synchronized (this) {
      if (!keepPost(post)) {
        return; // delivered twice: shown once
      }
      fanOut(new Message("post", SlaJson.write(post)));
      if (negative) {
        spikes.negative(event.at());
      }
      spike = spikeChanged(false);
    }
    storeSpike(spike);
  }

  /**
   * Keeps {@code post} among the recent ones in posting order (the newest posted last); false when
   * it is there already. Holding the lock.
   */
  private boolean keepPost(Map<String, Object> post) {
    for (Map<String, Object> kept : recentPosts) {
      if (kept.get("network").equals(post.get("network"))
          && kept.get("id").equals(post.get("id"))) {
        return false;
      }
    }
    recentPosts.add(post);
    recentPosts.sort(POSTING_ORDER);
    while (recentPosts.size() > RECENT_POSTS) {
      recentPosts.removeFirst();
    }
    return true;
  }

  /** Writes to the history, if any; a failure is logged and the wall goes on from memory. */
  private void store(Runnable write) {
    if (history == null) {
      return;
    }
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.warn("Wall list not stored; it shows but a restart will not bring it back", e);
    }
  }

  private void storeSpike(Map<String, Object> spike) {
    if (spike != null) {
      store(() -> history.putAlert(spike));
    }
  }

  void onSlaAlert(SlaAlert event) {
    Map<String, Object> alert =
        slaAlert(
            event.ticket().id(),
            event.target(),
            event.level().name().toLowerCase(java.util.Locale.ROOT),
            event.due(),
            event.at());
    store(() -> history.putAlert(alert));
    synchronized (this) {
      for (Map<String, Object> kept : recentAlerts) {
        if (kept.get("key").equals(alert.get("key"))) {
          return; // delivered twice: shown once
        }
      }
      keep(recentAlerts, alert, RECENT_ALERTS);
      fanOut(new Message("alert", SlaJson.write(alert)));
    }
  }

  /** A warning or breach as the wall shows it; its key tells a repeat delivery. */
  static Map<String, Object> slaAlert(
      String ticket, String target, String level, Instant due, Instant at) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("key", String.join(" ", level, ticket, target, due.toString()));
    alert.put("ticket", ticket);
    alert.put("target", target);
    alert.put("level", level);
    alert.put("due", due.toString());
    alert.put("at", at.toString());
    return alert;
  }

  /** A spike as the alert list keeps it: one per minute, its count updated while it grows. */
  static Map<String, Object> spikeAlert(
      String key, Instant at, long lastMinute, double median, Instant minute) {
    Map<String, Object> alert = new LinkedHashMap<>();
    alert.put("key", key);
    alert.put("level", SPIKE);
    alert.put("lastMinute", lastMinute);
    alert.put("median", median);
    alert.put("minute", minute.toString());
    alert.put("at", at.toString());
    return alert;
  }

  /**
   * Reads the board from the database and sends it, with the spike state; called every few seconds.
   */
  public void refresh() {
    if (connections.isEmpty() && lastBoard != null) {
      Map<String, Object> spike;
      synchronized (this) {
        spike = spikeChanged(false);
      }
      storeSpike(spike);
      return; // nobody watching: no queries
    }
    Map<String, Object> fresh;
    try {
      fresh = board.get();
    } catch (RuntimeException e) {
      LOG.warn("Wall board query failed; the wall keeps its last board", e);
      return;
    }
    Map<String, Object> spike;
    synchronized (this) {
      lastBoard = fresh;
      lastBoardAt = clock.instant();
      fanOut(new Message("board", SlaJson.write(fresh)));
      spike = spikeChanged(true);
    }
    storeSpike(spike);
  }

  /** A new stream: its first message is the snapshot. */
  Connection connect() {
    if (closed) {
      throw new IllegalStateException("the wall is stopped");
    }
    boolean needBoard;
    synchronized (this) {
      // Nobody watching, refresh() reads nothing: the kept board may be minutes old by now.
      needBoard = lastBoard == null || lastBoardAt.plus(BOARD_MAX_AGE).isBefore(clock.instant());
    }
    if (needBoard) {
      try {
        Map<String, Object> fresh = board.get();
        synchronized (this) {
          lastBoard = fresh;
          lastBoardAt = clock.instant();
        }
      } catch (RuntimeException e) {
        LOG.warn("Wall board query failed; the snapshot goes without it", e);
      }
    }
    Connection connection = new Connection();
    synchronized (this) {
      connection.queue.add(snapshot());
      connections.add(connection);
    }
    return connection;
  }

  /**
   * How many streams are open now (public for bench/'s wall benchmark, which waits for its client).
   */
  public int connectionCount() {
    return connections.size();
  }

  @Override
  public void close() {
    closed = true;
    for (Connection connection : connections) {
      connection.close();
    }
  }

  private Message snapshot() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("at", clock.instant().toString());
    body.put("zone", zone.getId());
    body.put("posts", new ArrayList<>(recentPosts));
    body.put("alerts", new ArrayList<>(recentAlerts));
    body.put("board", lastBoard);
    body.put("spike", spike(spikes.check(clock.instant())));
    return new Message("snapshot", SlaJson.write(body));
  }

  /**
   * Sends the spike state when it changed, or always when {@code always}; a spike also goes to the
   * alert list, where it stays after its minute. Holding the lock.
   *
   * @return the alert-list entry to store, if it is new or grew; else null
   */
  private Map<String, Object> spikeChanged(boolean always) {
    Instant now = clock.instant();
    WallSpikeDetector.Spike spike = spikes.check(now);
    if (always || spike.alert() != spiking) {
      spiking = spike.alert();
      fanOut(new Message("spike", SlaJson.write(spike(spike))));
    }
    return spike.alert() ? spikeInAlerts(spike, now) : null;
  }

  /** Adds the spike to the alert list, or updates its count there. Holding the lock. */
  private Map<String, Object> spikeInAlerts(WallSpikeDetector.Spike spike, Instant now) {
    String key = SPIKE + " " + spike.minuteStart();
    Map<String, Object> kept = null;
    for (Map<String, Object> alert : recentAlerts) {
      if (key.equals(alert.get("key"))) {
        kept = alert;
      }
    }
    if (kept != null && ((Number) kept.get("lastMinute")).longValue() >= spike.lastMinute()) {
      return null;
    }
    Map<String, Object> alert =
        spikeAlert(
            key,
            kept == null ? now : Instant.parse((String) kept.get("at")),
            spike.lastMinute(),
            spike.median(),
            spike.minuteStart());
    if (kept != null) {
      recentAlerts.set(recentAlerts.indexOf(kept), alert); // the page replaces it by key
    } else {
      keep(recentAlerts, alert, RECENT_ALERTS);
    }
    fanOut(new Message("alert", SlaJson.write(alert)));
    return alert;
  }

  private static Map<String, Object> spike(WallSpikeDetector.Spike spike) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("alert", spike.alert());
    out.put("lastMinute", spike.lastMinute());
    out.put("median", spike.median());
    out.put("minute", spike.minuteStart().toString());
    return out;
  }

  private void fanOut(Message message) {
    for (Connection connection : connections) {
      connection.offer(message);
    }
  }

  private static void keep(List<Map<String, Object>> recent, Map<String, Object> item, int max) {
    recent.addLast(item);
    while (recent.size() > max) {
      recent.removeFirst();
    }
  }

  /**
   * A post as the wall shows it. A private message's text is left out here, before it is kept or
   * sent, unless {@code showPrivateText}: the wall is read by a room, and a stream or snapshot
   * never carries a text the page would hide.
   */
  static Map<String, Object> post(PostRouted event, boolean showPrivateText) {
    SocialPost post = event.post();
    Enrichment enrichment = event.enrichment();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("network", post.network());
    out.put("id", post.key().postId());
    out.put("handle", post.author().handle());
    out.put("name", post.author().displayName());
    boolean isPrivate = post.visibility() == Visibility.PRIVATE;
    out.put("private", isPrivate);
    String text = isPrivate && !showPrivateText ? null : post.text();
    out.put(
        "text",
        text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…");
    out.put(
        "sentiment",
        enrichment.sentiment() == null ? null : enrichment.sentiment().label().wireName());
    out.put(
        "influence",
        enrichment.influence() == null ? null : enrichment.influence().tier().wireName());
    out.put("ticket", event.ticket().id());
    out.put("newTicket", event.newTicket());
    out.put("postedAt", post.postedAt().toString());
    out.put("at", event.at().toString());
    return out;
  }

  /** One connected stream: a bounded queue its writer drains. */
  final class Connection implements AutoCloseable {

    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private long dropped;
    private boolean lagging;
    private boolean ended;

    private synchronized void offer(Message message) {
      if (ended) {
        return;
      }
      if (queue.size() >= queueCapacity) {
        queue.removeFirst();
        dropped++;
        lagging = true;
      }
      queue.addLast(message);
      notifyAll();
    }

    /** Whether messages were dropped since the writer last caught up. */
    synchronized boolean lagging() {
      return lagging;
    }

    synchronized int queued() {
      return queue.size();
    }

    /**
     * The next message, waiting up to {@code timeout}; null on timeout (time for a heartbeat).
     * After a drop, a {@code lagging} event then a fresh snapshot replace what was left.
     *
     * @throws InterruptedException also when the connection was closed
     */
    Message next(Duration timeout) throws InterruptedException {
      synchronized (this) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (queue.isEmpty() && !ended) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return null;
          }
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        if (ended) {
          throw new InterruptedException("wall connection closed");
        }
        if (!lagging) {
          return queue.removeFirst();
        }
      }
      synchronized (WallBroadcaster.this) {
        synchronized (this) {
          Message lag = new Message("lagging", SlaJson.write(Map.of("dropped", dropped)));
          queue.clear();
          queue.add(snapshot());
          lagging = false;
          return lag;
        }
      }
    }

    /** Ends the stream: the writer's {@link #next} throws, the broadcaster forgets it. */
    @Override
    public void close() {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
      connections.remove(this);
    }
  }
}
