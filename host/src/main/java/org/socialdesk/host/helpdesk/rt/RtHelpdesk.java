package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.Metrics;
import org.socialdesk.api.helpdesk.ActivityPage;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.NewTicket;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.api.helpdesk.TicketMessage;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.host.config.RtConfig;

/**
 * Request Tracker 5 as Socialdesk's helpdesk, over REST2 with the service user's token. Custom
 * fields are always sent by numeric id (RT resolves names without the queue on create and picks the
 * wrong field), and every ticket created is read back to catch what RT silently dropped.
 */
public final class RtHelpdesk implements HelpdeskGateway, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RtHelpdesk.class);

  private final RtClient rt;
  private final RtConfig config;
  private final Map<String, Integer> userIds = new ConcurrentHashMap<>();
  private final RtTicketVerifier verifier;
  private volatile RtProvisioner.Result provisioned;
  private volatile Map<String, RtProvisioner.Result> tagQueues;

  /**
   * Recently opened tickets of the tag queues, by id, with their queue: their fields have ids of
   * their own.
   */
  private final Map<String, String> taggedTickets =
      java.util.Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
              return size() > 10_000;
            }
          });

  public RtHelpdesk(RtConfig config, HttpClient http, Duration requestTimeout, Metrics metrics) {
    this.config = config;
    this.rt =
        new RtClient(
            http,
            config.url(),
            config.token(),
            requestTimeout,
            config.maxConcurrentCalls(),
            metrics);
    this.verifier = new RtTicketVerifier(rt, this::repair);
  }

  /**
   * Creates the queue and fields if missing; returns one line per thing created (none the second
   * time).
   */
  public List<String> provision() {
    RtProvisioner provisioner = new RtProvisioner(rt);
    RtProvisioner.Result result = provisioner.provision(config.queue());
    List<String> actions = new ArrayList<>(result.actions());
    Map<String, RtProvisioner.Result> tags = new LinkedHashMap<>();
    for (String queue : config.tagQueues()) {
      RtProvisioner.Result tagged = provisioner.provisionTags(queue);
      tags.put(queue, tagged);
      actions.addAll(tagged.actions());
    }
    provisioned = result;
    tagQueues = Map.copyOf(tags);
    return actions;
  }

  /** Whether RT answers the service token, in one line when it does not. */
  public Optional<String> problem() {
    try {
      RtClient.Answer answer = rt.get("rt");
      if (answer.status() == 401) {
        return Optional.of("RT at " + config.url() + " refused the token (401)");
      }
      if (!answer.is2xx()) {
        return Optional.of("RT at " + config.url() + " answered " + answer.status());
      }
      fields();
      return Optional.empty();
    } catch (HelpdeskException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public String name() {
    return "rt";
  }

  @Override
  public CustomerRef findOrCreateCustomer(Author author) {
    String userName = RtText.userName(author);
    Integer cached = userIds.get(userName);
    if (cached != null) {
      return new CustomerRef(cached.toString(), userName);
    }
    int id = lookUpUser(userName).orElseGet(() -> createUser(userName, author));
    userIds.put(userName, id);
    return new CustomerRef(Integer.toString(id), userName);
  }

  private Optional<Integer> lookUpUser(String userName) {
    RtClient.Answer found = rt.get("user/" + RtProvisioner.encode(userName));
    if (found.status() == 404) {
      return Optional.empty();
    }
    JsonNode id = rt.expect2xx("GET user", found).body().path("id");
    if (id.asInt() <= 0) {
      throw new HelpdeskException(
          "RT gave no numeric id for user " + userName + ": " + id, false, Duration.ZERO, null);
    }
    return Optional.of(id.asInt());
  }

  private int createUser(String userName, Author author) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("Name", userName);
    user.put(
        "RealName",
        author.displayName().isBlank()
            ? "@" + author.handle()
            : author.displayName() + " (@" + author.handle() + ")");
    user.put("Privileged", 0);
    user.put(
        "Comments",
        "Social account on "
            + author.network()
            + ": @"
            + author.handle()
            + " (created by Socialdesk)");
    RtClient.Answer created = rt.post("user", user);
    if (created.status() == 400) {
      // Most often another worker created the same customer a moment ago ("Name in use", or
      // "Could not create user" when RT's database refused the duplicate): look again.
      return lookUpUser(userName)
          .orElseThrow(
              () ->
                  new HelpdeskException(
                      rt.refused("POST user", created).getMessage(), true, Duration.ZERO, null));
    }
    rt.expect2xx("POST user", created);
    // REST2 answers a new user with its Name as "id"; a ticket needs the numeric id, and RT
    // silently drops a requestor it cannot resolve (such as 0), so the id is read back.
    return lookUpUser(userName)
        .orElseThrow(
            () ->
                new HelpdeskException(
                    "RT created user " + userName + " but does not find it",
                    true,
                    Duration.ZERO,
                    null));
  }

  @Override
  public TicketRef createTicket(NewTicket ticket) {
    Map<String, Integer> fieldIds = fields().fieldIds();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Queue", ticket.queue());
    body.put("Subject", ticket.subject());
    body.put("Requestor", List.of(Integer.parseInt(ticket.requestor().id())));
    body.put("Content", ticket.body());
    body.put("ContentType", "text/plain");
    body.put("Created", RtText.date(ticket.createdAt()));
    if (ticket.priority() != null) {
      // RT takes InitialPriority from the queue's default unless told: it is the priority the
      // ticket started from, so it says what Socialdesk (and its SLA escalation) started from.
      body.put("InitialPriority", ticket.priority());
      body.put("Priority", ticket.priority());
    }
    if (ticket.due() != null) {
      body.put("Due", RtText.date(ticket.due()));
    }
    Map<String, String> fields = new LinkedHashMap<>(ticket.fields());
    fields.put(RtFieldSpec.POSTED_AT, RtText.date(ticket.createdAt()));
    Map<String, Object> values = fieldValues(fields, fieldIds);
    body.put("CustomFields", values);
    RtClient.Answer created = rt.expect2xx("POST ticket", rt.post("ticket", body));
    TicketRef ref = new TicketRef(name(), created.body().path("id").asText());
    verifier.expect(ref, values, ticket.requestor());
    if (ticket.resolveWithNote() != null) {
      addMessage(ref, new TicketMessage.InternalNote(ticket.resolveWithNote()));
      update(ref, new TicketUpdate(null, null, "resolved", Map.of()));
    }
    return ref;
  }

  /**
   * A requestor or field values RT dropped on create are sent again with a PUT; what still does not
   * stick is written into the ticket as a comment and logged as an error, so nothing is lost.
   */
  private void repair(RtTicketVerifier.Expected ticket, RtTicketVerifier.Loss loss) {
    if (loss.requestor()) {
      repairRequestor(ticket);
    }
    if (!loss.values().isEmpty()) {
      repairFields(ticket.ticket(), loss.values());
    }
  }

  private void repairRequestor(RtTicketVerifier.Expected ticket) {
    TicketRef ref = ticket.ticket();
    CustomerRef requestor = ticket.requestor();
    log.atWarn()
        .addKeyValue("ticket", ref)
        .addKeyValue("requestor", requestor.name())
        .log("RT dropped the requestor on create; setting it again");
    rt.put("ticket/" + ref.id(), Map.of("Requestor", List.of(Integer.parseInt(requestor.id()))));
    List<String> requestors = new ArrayList<>();
    rt.expect2xx("GET ticket/" + ref.id(), rt.get("ticket/" + ref.id()))
        .body()
        .path("Requestor")
        .forEach(u -> requestors.add(u.path("id").asText()));
    if (!requestors.contains(requestor.name())) {
      log.atError()
          .addKeyValue("ticket", ref)
          .log("RT refused the requestor {} (user #{})", requestor.name(), requestor.id());
      addMessage(
          ref,
          new TicketMessage.InternalNote(
              "Socialdesk: RT refused the requestor of this ticket: "
                  + requestor.name()
                  + " (RT user #"
                  + requestor.id()
                  + ")"));
    }
  }

  private void repairFields(TicketRef ref, Map<String, Object> missing) {
    log.atWarn()
        .addKeyValue("ticket", ref)
        .addKeyValue("fields", missing.keySet())
        .log("RT dropped custom field values on create; setting them again");
    rt.put("ticket/" + ref.id(), Map.of("CustomFields", missing));
    Map<String, Object> stillMissing = RtTicketVerifier.missing(missing, readFieldValues(ref));
    if (!stillMissing.isEmpty()) {
      String lost = describe(stillMissing);
      log.atError()
          .addKeyValue("ticket", ref)
          .log("RT refused custom field values; they are kept in a comment: {}", lost);
      addMessage(
          ref,
          new TicketMessage.InternalNote(
              "Socialdesk: RT refused these field values, kept here instead:\n" + lost));
    }
  }

  private Map<String, List<String>> readFieldValues(TicketRef ref) {
    JsonNode ticket = rt.expect2xx("GET ticket/" + ref.id(), rt.get("ticket/" + ref.id())).body();
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (JsonNode field : ticket.path("CustomFields")) {
      List<String> list = new ArrayList<>();
      field.path("values").forEach(v -> list.add(v.asText()));
      values.put(field.path("id").asText(), list);
    }
    return values;
  }

  private String describe(Map<String, Object> valuesById) {
    Map<Integer, String> names = new LinkedHashMap<>();
    fields().fieldIds().forEach((name, id) -> names.put(id, name));
    StringBuilder text = new StringBuilder();
    valuesById.forEach(
        (id, value) ->
            text.append(names.getOrDefault(Integer.parseInt(id), "#" + id))
                .append(": ")
                .append(value)
                .append('\n'));
    return text.toString();
  }

  @Override
  public Optional<TicketRef> findTicketByPost(PostKey post) {
    String query =
        "Queue = '"
            + sqlQuote(config.queue())
            + "' AND 'CF.{"
            + TicketField.SOCIAL_POST_ID.fieldName()
            + "}' = '"
            + sqlQuote(post.toString())
            + "'";
    JsonNode found =
        rt.expect2xx(
                "GET tickets",
                rt.get("tickets", Map.of("query", query, "orderby", "id", "per_page", "2")))
            .body();
    JsonNode first = found.path("items").path(0);
    return first.isMissingNode()
        ? Optional.empty()
        : Optional.of(new TicketRef(name(), first.path("id").asText()));
  }

  @Override
  public String addMessage(TicketRef ticket, TicketMessage message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("Content", message.text());
    body.put("ContentType", "text/plain");
    String endpoint =
        switch (message) {
          case TicketMessage.CustomerPost post -> {
            body.put("CustomFields", mergedFieldValues(ticket, post.fields()));
            yield "correspond";
          }
          case TicketMessage.InternalNote note -> "comment";
        };
    RtClient.Answer answer =
        rt.expect2xx(
            "POST ticket/" + ticket.id() + "/" + endpoint,
            rt.post("ticket/" + ticket.id() + "/" + endpoint, body));
    String location = answer.location();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  /** Values for a correspondence: SocialPostId keeps every earlier post id and adds the new one. */
  private Map<String, Object> mergedFieldValues(TicketRef ticket, Map<String, String> fields) {
    Map<String, Integer> fieldIds = fields().fieldIds();
    Map<String, Object> values = fieldValues(fields, fieldIds);
    String postIdField = String.valueOf(fieldIds.get(TicketField.SOCIAL_POST_ID.fieldName()));
    if (values.containsKey(postIdField)) {
      Set<String> all =
          new LinkedHashSet<>(readFieldValues(ticket).getOrDefault(postIdField, List.of()));
      all.add(String.valueOf(values.get(postIdField)));
      values.put(postIdField, List.copyOf(all));
    }
    return values;
  }

  @Override
  public void update(TicketRef ticket, TicketUpdate update) {
    Map<String, Object> body = new LinkedHashMap<>();
    if (update.priority() != null) {
      body.put("Priority", update.priority());
    }
    if (update.due() != null) {
      body.put("Due", RtText.date(update.due()));
    }
    if (update.status() != null) {
      body.put("Status", update.status());
    }
    if (!update.fields().isEmpty()) {
      body.put("CustomFields", fieldValues(update.fields(), fieldIdsOf(ticket)));
    }
    RtClient.Answer answer =
        rt.expect2xx("PUT ticket/" + ticket.id(), rt.put("ticket/" + ticket.id(), body));
    for (JsonNode message : answer.body()) {
      String text = message.asText();
      if (looksLikeRefusal(text)) {
        throw new HelpdeskException(
            "RT PUT ticket/" + ticket.id() + " refused a change: " + text,
            false,
            Duration.ZERO,
            null);
      }
    }
  }

  /** RT's Priority, which REST2 gives as a string of digits. */
  @Override
  public OptionalInt priority(TicketRef ticket) {
    JsonNode priority =
        rt.expect2xx("GET ticket/" + ticket.id(), rt.get("ticket/" + ticket.id()))
            .body()
            .path("Priority");
    try {
      return OptionalInt.of(Integer.parseInt(priority.asText()));
    } catch (NumberFormatException e) {
      throw new HelpdeskException(
          "RT gave no numeric Priority for ticket " + ticket.id() + ": " + priority,
          false,
          Duration.ZERO,
          e);
    }
  }

  /** RT reports refused changes inside a 200 as message strings. */
  static boolean looksLikeRefusal(String message) {
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("invalid")
        || lower.contains("permission denied")
        || lower.contains("must match")
        || lower.contains("not a unique value")
        || lower.contains("does not exist")
        || lower.contains("couldn't")
        || lower.contains("isn't a valid")
        || lower.contains("can't change");
  }

  @Override
  public void link(TicketRef parent, TicketRef child) {
    RtClient.Answer answer =
        rt.expect2xx(
            "PUT ticket/" + parent.id(),
            rt.put(
                "ticket/" + parent.id(),
                Map.of("AddChild", List.of(Integer.parseInt(child.id())))));
    for (JsonNode message : answer.body()) {
      if (message.asText().contains("Couldn't resolve")) {
        throw new HelpdeskException(
            "RT could not link " + child + " under " + parent + ": " + message.asText(),
            false,
            Duration.ZERO,
            null);
      }
    }
  }

  @Override
  public ActivityPage activitySince(String cursor, int limit) {
    Map<Integer, String> tagQueueNames = new java.util.HashMap<>();
    tagQueues().forEach((queue, result) -> tagQueueNames.put(result.queueId(), queue));
    return new RtActivityReader(
            rt, config, fields().fieldIds(), tagQueueNames, name(), taggedTickets::put)
        .read(cursor, limit);
  }

  @Override
  public String ticketUrl(TicketRef ticket) {
    return config.url().toString().replaceAll("/+$", "") + "/Ticket/Display.html?id=" + ticket.id();
  }

  /** The queue's field ids, read once (and again after a failure, e.g. RT down at start). */
  private RtProvisioner.Result fields() {
    RtProvisioner.Result current = provisioned;
    if (current == null) {
      synchronized (this) {
        if (provisioned == null) {
          try {
            provisioned = new RtProvisioner(rt).read(config.queue());
          } catch (HelpdeskException e) {
            // Not provisioned yet is worth retrying: posts flow as soon as the admin provisions.
            throw new HelpdeskException(e.getMessage(), true, e.elapsed(), e);
          }
        }
        current = provisioned;
      }
    }
    return current;
  }

  /** The tag queues' field ids, read once like the social queue's. */
  private Map<String, RtProvisioner.Result> tagQueues() {
    Map<String, RtProvisioner.Result> current = tagQueues;
    if (current == null) {
      synchronized (this) {
        if (tagQueues == null) {
          RtProvisioner provisioner = new RtProvisioner(rt);
          Map<String, RtProvisioner.Result> read = new LinkedHashMap<>();
          for (String queue : config.tagQueues()) {
            try {
              read.put(queue, provisioner.readTags(queue));
            } catch (HelpdeskException e) {
              throw new HelpdeskException(e.getMessage(), true, e.elapsed(), e);
            }
          }
          tagQueues = Map.copyOf(read);
        }
        current = tagQueues;
      }
    }
    return current;
  }

  /** A tag queue's ticket has fields of its own; any other ticket is the social queue's. */
  private Map<String, Integer> fieldIdsOf(TicketRef ticket) {
    String queue = taggedTickets.get(ticket.id());
    RtProvisioner.Result tagged = queue == null ? null : tagQueues().get(queue);
    return tagged != null ? tagged.fieldIds() : fields().fieldIds();
  }

  private static Map<String, Object> fieldValues(
      Map<String, String> byName, Map<String, Integer> ids) {
    Map<String, Object> byId = new LinkedHashMap<>();
    byName.forEach(
        (name, value) -> {
          Integer id = ids.get(name);
          if (id == null) {
            log.atWarn()
                .addKeyValue("field", name)
                .log("No such custom field on the social queue; value not sent");
          } else if (value != null) {
            byId.put(id.toString(), value);
          }
        });
    return byId;
  }

  /** Reads back what is still pending, then stops. */
  @Override
  public void close() throws InterruptedException {
    verifier.close();
  }

  private static String sqlQuote(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }
}
