package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.TicketRef;

/**
 * Reads new tickets back to catch the requestor and the field values RT dropped while answering
 * 201. RT drops a requestor it cannot resolve (an id of 0, an unknown name) and whole field values
 * (not in a select list, against a field's pattern, a duplicate in a unique field, an unknown
 * field), so one search per batch of up to 100 recent tickets, about three seconds after they were
 * created and off the pipeline's path, asks which of them have no requestor or lack a value they
 * were sent with; it reads no values, and costs RT about a tenth of reading the batch's fields
 * (which REST2 does field by field, ticket by ticket). Only the tickets it names, and those sent
 * several values for one field, are then read back value by value. A batch whose check fails (RT
 * down) is checked again at the next round.
 */
final class RtTicketVerifier implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtTicketVerifier.class);
  private static final int BATCH = 100;
  private static final Duration ROUND = Duration.ofSeconds(3);

  /**
   * A ticket just created, the custom field values (by field id) and the requestor it was sent
   * with.
   */
  record Expected(TicketRef ticket, Map<String, Object> values, CustomerRef requestor) {}

  /** What a ticket lacks: field values by field id, and whether its requestor is missing. */
  record Loss(Map<String, Object> values, boolean requestor) {
    boolean isEmpty() {
      return values.isEmpty() && !requestor;
    }
  }

  private final RtClient rt;
  private final BiConsumer<Expected, Loss> onDropped;
  private final LinkedBlockingQueue<Expected> pending = new LinkedBlockingQueue<>();
  private final Thread loop;
  private volatile boolean running = true;

  /**
   * @param onDropped called with a ticket and what RT does not hold, to repair and report
   */
  RtTicketVerifier(RtClient rt, BiConsumer<Expected, Loss> onDropped) {
    this.rt = rt;
    this.onDropped = onDropped;
    this.loop = Thread.ofVirtual().name("rt-ticket-verifier").start(this::run);
  }

  void expect(TicketRef ticket, Map<String, Object> values, CustomerRef requestor) {
    pending.add(new Expected(ticket, Map.copyOf(values), requestor));
  }

  private void run() {
    while (running || !pending.isEmpty()) {
      try {
        Expected first = pending.poll(ROUND.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        // Let a round's worth of new tickets gather, so one search checks them all.
        if (running) {
          Thread.sleep(ROUND.toMillis());
        }
        List<Expected> batch = new ArrayList<>(List.of(first));
        pending.drainTo(batch, BATCH - 1);
        verify(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Checks a batch; on failure puts it back for the next round. */
  void verify(List<Expected> batch) {
    try {
      List<Expected> suspects = suspects(batch);
      if (suspects.isEmpty()) {
        return;
      }
      Map<String, ReadBack> actual = readBack(suspects);
      for (Expected expected : suspects) {
        Loss loss =
            loss(
                expected,
                actual.getOrDefault(expected.ticket().id(), new ReadBack(Map.of(), List.of())));
        if (!loss.isEmpty()) {
          onDropped.accept(expected, loss);
        }
      }
    } catch (HelpdeskException e) {
      log.atWarn()
          .log(
              "Could not read {} new tickets back; trying again: {}", batch.size(), e.getMessage());
      pending.addAll(batch);
      sleep();
    }
  }

  /**
   * The tickets of the batch that may have lost something: those a search finds without a requestor
   * or lacking one of the single values they were sent with (one search per set of fields, usually
   * one for the whole batch), and those sent several values for one field, which that search cannot
   * tell apart.
   */
  private List<Expected> suspects(List<Expected> batch) {
    List<Expected> suspects = new ArrayList<>();
    Map<Set<String>, List<Expected>> bySingleFields = new LinkedHashMap<>();
    for (Expected expected : batch) {
      if (expected.values().values().stream()
          .anyMatch(v -> v instanceof List<?> list && list.size() > 1)) {
        suspects.add(expected);
      } else {
        bySingleFields
            .computeIfAbsent(singleValuedFields(expected.values()), k -> new ArrayList<>())
            .add(expected);
      }
    }
    bySingleFields.forEach(
        (fieldIds, tickets) -> {
          Set<String> lacking = lackingTickets(tickets, fieldIds);
          tickets.stream().filter(t -> lacking.contains(t.ticket().id())).forEach(suspects::add);
        });
    return suspects;
  }

  private Set<String> lackingTickets(List<Expected> tickets, Set<String> fieldIds) {
    JsonNode found =
        rt.expect2xx(
                "GET tickets (check fields)",
                rt.get(
                    "tickets",
                    Map.of(
                        "query",
                        lackingQuery(tickets.stream().map(t -> t.ticket().id()).toList(), fieldIds),
                        "per_page",
                        Integer.toString(BATCH))))
            .body();
    Set<String> ids = new HashSet<>();
    found.path("items").forEach(ticket -> ids.add(ticket.path("id").asText()));
    return ids;
  }

  /**
   * Ticket SQL for the tickets among {@code ticketIds} with no requestor or no value in one of
   * {@code fieldIds}. Every ticket Socialdesk creates is sent a requestor.
   */
  static String lackingQuery(List<String> ticketIds, Set<String> fieldIds) {
    String tickets =
        ticketIds.stream()
            .map(id -> "id = " + Long.parseLong(id))
            .collect(Collectors.joining(" OR "));
    String lacking =
        java.util.stream.Stream.concat(
                java.util.stream.Stream.of("Requestor.id IS NULL"),
                fieldIds.stream().sorted().map(id -> "'CF.{" + Long.parseLong(id) + "}' IS NULL"))
            .collect(Collectors.joining(" OR "));
    return "(" + tickets + ") AND (" + lacking + ")";
  }

  /** The ids of the fields sent one non-blank value. */
  static Set<String> singleValuedFields(Map<String, Object> values) {
    Set<String> ids = new TreeSet<>();
    values.forEach(
        (id, value) -> {
          Object single =
              value instanceof List<?> list ? (list.size() == 1 ? list.get(0) : null) : value;
          if (single != null && !String.valueOf(single).isBlank()) {
            ids.add(id);
          }
        });
    return ids;
  }

  /** A ticket as read back: its field values by field id, and its requestors' user names. */
  record ReadBack(Map<String, List<String>> values, List<String> requestors) {}

  private Map<String, ReadBack> readBack(List<Expected> batch) {
    String query =
        batch.stream()
            .map(e -> "id = " + Long.parseLong(e.ticket().id()))
            .collect(Collectors.joining(" OR "));
    JsonNode found =
        rt.expect2xx(
                "GET tickets (read back)",
                rt.get(
                    "tickets",
                    Map.of(
                        "query",
                        query,
                        "fields",
                        "CustomFields,Requestor",
                        "per_page",
                        Integer.toString(BATCH))))
            .body();
    Map<String, ReadBack> byTicket = new LinkedHashMap<>();
    for (JsonNode ticket : found.path("items")) {
      Map<String, List<String>> values = new LinkedHashMap<>();
      for (JsonNode field : ticket.path("CustomFields")) {
        List<String> list = new ArrayList<>();
        field.path("values").forEach(v -> list.add(v.asText()));
        values.put(field.path("id").asText(), list);
      }
      // REST2 names a role's users by their Name in "id".
      List<String> requestors = new ArrayList<>();
      ticket.path("Requestor").forEach(user -> requestors.add(user.path("id").asText()));
      byTicket.put(ticket.path("id").asText(), new ReadBack(values, requestors));
    }
    return byTicket;
  }

  static Loss loss(Expected expected, ReadBack actual) {
    boolean requestorMissing =
        expected.requestor() != null
            && !actual.requestors().contains(expected.requestor().name())
            && !actual.requestors().contains(expected.requestor().id());
    return new Loss(missing(expected.values(), actual.values()), requestorMissing);
  }

  static Map<String, Object> missing(
      Map<String, Object> expected, Map<String, List<String>> actual) {
    Map<String, Object> missing = new LinkedHashMap<>();
    expected.forEach(
        (id, value) -> {
          List<String> wanted =
              value instanceof List<?> list
                  ? list.stream().map(String::valueOf).toList()
                  : List.of(String.valueOf(value));
          if (!actual.getOrDefault(id, List.of()).containsAll(wanted)) {
            missing.put(id, value);
          }
        });
    return missing;
  }

  private static void sleep() {
    try {
      Thread.sleep(ROUND.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Checks what is still pending, then stops. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    loop.join(Duration.ofSeconds(15));
  }
}
