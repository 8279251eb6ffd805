package org.socialdesk.testkit;

import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;

/**
 * The host's inbox as tests want it. It records every call, stores each event once, keyed as the
 * host keys them (a post by its id, an edit by id and time, a deletion by id), and answers {@link
 * Accepted#DUPLICATE} for a second delivery. A test can instead force one answer for every call,
 * and make the inbox unavailable: for every call, for the events about chosen posts, or after a
 * number of stored events. Safe to call from several threads.
 */
public final class RecordingIngest implements Ingest {

  /** The message of {@link IngestUnavailableException} unless a test chose one. */
  public static final String UNAVAILABLE = "database down (test)";

  private final List<InboundEvent> calls = new CopyOnWriteArrayList<>();
  private final List<InboundEvent> accepted = new CopyOnWriteArrayList<>();
  private final List<InboundEvent> stored = new CopyOnWriteArrayList<>();
  private final List<Quarantined> quarantined = new CopyOnWriteArrayList<>();
  private final Set<String> keys = new HashSet<>();
  private final Set<String> unavailableFor = ConcurrentHashMap.newKeySet();
  private volatile Accepted forcedAnswer;
  private volatile String unavailable;
  private volatile int storesBeforeOutage = Integer.MAX_VALUE;

  @Override
  public synchronized Accepted accept(InboundEvent event) {
    calls.add(event);
    if (unavailable != null) {
      throw unavailable(unavailable);
    }
    if (storesBeforeOutage <= 0 || unavailableFor.contains(event.key().postId())) {
      throw unavailable(UNAVAILABLE);
    }
    accepted.add(event);
    Accepted answer = forcedAnswer;
    if (answer == null) {
      answer = keys.add(key(event)) ? Accepted.STORED : Accepted.DUPLICATE;
    }
    if (answer == Accepted.STORED) {
      stored.add(event);
      storesBeforeOutage--;
    }
    return answer;
  }

  /** What a channel handed to {@link #quarantine}; unavailable like {@link #accept}. */
  @Override
  public synchronized void quarantine(String network, String payload, String reason) {
    if (unavailable != null || storesBeforeOutage <= 0) {
      throw unavailable(unavailable != null ? unavailable : UNAVAILABLE);
    }
    quarantined.add(new Quarantined(network, payload, reason));
  }

  /** A payload a channel put into quarantine, and why. */
  public record Quarantined(String network, String payload, String reason) {}

  /** Everything put into quarantine, in order. */
  public List<Quarantined> quarantined() {
    return Collections.unmodifiableList(quarantined);
  }

  /**
   * Answers {@code answer} to every later call instead of deduplicating; {@code null} deduplicates
   * again.
   */
  public void answer(Accepted answer) {
    this.forcedAnswer = answer;
  }

  /**
   * Every later call throws {@link IngestUnavailableException} with {@code message}, until {@link
   * #recover()}.
   */
  public void failWith(String message) {
    this.unavailable = message;
  }

  /**
   * Every later event about post {@code postId} throws {@link IngestUnavailableException}, until
   * {@link #recover()}.
   */
  public void failFor(String postId) {
    unavailableFor.add(postId);
  }

  /**
   * Later calls throw once {@code count} more events were stored, until {@link #recover()}; 0 fails
   * at once.
   */
  public void failAfter(int count) {
    storesBeforeOutage = count;
  }

  /** Ends every outage set by {@link #failWith}, {@link #failFor} and {@link #failAfter}. */
  public void recover() {
    unavailable = null;
    unavailableFor.clear();
    storesBeforeOutage = Integer.MAX_VALUE;
  }

  /** Every call, in order, including duplicates and the calls refused as unavailable. */
  public List<InboundEvent> calls() {
    return Collections.unmodifiableList(calls);
  }

  /** The events answered (stored or duplicate), in order; refused calls are not here. */
  public List<InboundEvent> accepted() {
    return Collections.unmodifiableList(accepted);
  }

  /** The events answered {@link Accepted#STORED}, in order; duplicates are not repeated here. */
  public List<InboundEvent> stored() {
    return Collections.unmodifiableList(stored);
  }

  /** The ids of the new posts answered, in order, duplicates included. */
  public List<String> acceptedPostIds() {
    return newPostIds(accepted);
  }

  /** The ids of the new posts stored, in order. */
  public List<String> storedPostIds() {
    return newPostIds(stored);
  }

  private static List<String> newPostIds(List<InboundEvent> events) {
    return events.stream()
        .filter(InboundEvent.NewPost.class::isInstance)
        .map(event -> event.key().postId())
        .toList();
  }

  private static String key(InboundEvent event) {
    return switch (event) {
      case InboundEvent.NewPost post -> "post " + post.key();
      case InboundEvent.PostEdited edit -> "edit " + edit.key() + "@" + edit.editedAt();
      case InboundEvent.PostDeleted deleted -> "delete " + deleted.key();
    };
  }

  private static IngestUnavailableException unavailable(String message) {
    return new IngestUnavailableException(message, new SQLException(message));
  }
}
