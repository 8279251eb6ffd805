package org.socialdesk.host.helpdesk.rt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialdesk.api.helpdesk.HelpdeskException;

/**
 * Creates, idempotently, what Socialdesk needs in RT: the social queue and its custom fields with
 * their select values. Run twice, the second run creates nothing and says so.
 */
final class RtProvisioner {

  private final RtClient rt;

  RtProvisioner(RtClient rt) {
    this.rt = rt;
  }

  /** What a provisioning run found and did. */
  record Result(int queueId, Map<String, Integer> fieldIds, List<String> actions) {
    Result {
      fieldIds = Map.copyOf(fieldIds);
      actions = List.copyOf(actions);
    }

    boolean changedNothing() {
      return actions.isEmpty();
    }
  }

  Result provision(String queueName) {
    List<String> actions = new ArrayList<>();
    return provisionFields(queueName, ensureQueue(queueName, actions), RtFieldSpec.ALL, actions);
  }

  /**
   * Gives an existing queue the fields a plugin tags tickets with (REST2 cannot attach the social
   * queue's fields to another queue, so the queue gets fields of its own, with the same names).
   */
  Result provisionTags(String queueName) {
    return provisionFields(
        queueName, existingQueue(queueName), RtFieldSpec.TAGS, new ArrayList<>());
  }

  private Result provisionFields(
      String queueName, int queueId, List<RtFieldSpec> specs, List<String> actions) {
    Map<String, Integer> existing = fieldsOf(queueId);
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (RtFieldSpec spec : specs) {
      Integer id = existing.get(spec.name());
      if (id == null) {
        id = createField(spec, queueName);
        actions.add("created custom field " + spec.name() + " (#" + id + ") on queue " + queueName);
      }
      if (spec.select()) {
        addMissingValues(spec, id, actions);
      }
      ids.put(spec.name(), id);
    }
    return new Result(queueId, ids, actions);
  }

  /** The ids of the fields already provisioned on the queue, without creating anything. */
  Result read(String queueName) {
    return read(queueName, RtFieldSpec.ALL);
  }

  /** The same for a queue whose tickets are tagged. */
  Result readTags(String queueName) {
    return read(queueName, RtFieldSpec.TAGS);
  }

  private Result read(String queueName, List<RtFieldSpec> specs) {
    int queueId = existingQueue(queueName);
    Map<String, Integer> fields = fieldsOf(queueId);
    List<String> missing =
        specs.stream().map(RtFieldSpec::name).filter(n -> !fields.containsKey(n)).toList();
    if (!missing.isEmpty()) {
      throw notProvisioned(
          "queue " + queueName + " lacks the custom fields " + String.join(", ", missing));
    }
    return new Result(queueId, fields, List.of());
  }

  private int existingQueue(String queueName) {
    RtClient.Answer queue = rt.get("queue/" + encode(queueName));
    if (queue.status() == 404) {
      throw notProvisioned("the queue " + queueName + " does not exist");
    }
    return rt.expect2xx("GET queue/" + queueName, queue).body().path("id").asInt();
  }

  private static HelpdeskException notProvisioned(String what) {
    return new HelpdeskException(
        what + "; run: socialdesk rt provision", false, java.time.Duration.ZERO, null);
  }

  private int ensureQueue(String name, List<String> actions) {
    RtClient.Answer found = rt.get("queue/" + encode(name));
    if (found.is2xx()) {
      return found.body().path("id").asInt();
    }
    Map<String, Object> queue = new LinkedHashMap<>();
    queue.put("Name", name);
    queue.put("Description", "Social networks, via Socialdesk");
    queue.put("CorrespondAddress", "");
    queue.put("CommentAddress", "");
    // Socialdesk's SLA plugin owns Due; RT's own SLA would overwrite it.
    queue.put("SLADisabled", 1);
    RtClient.Answer created = rt.expect2xx("POST queue", rt.post("queue", queue));
    int id = created.body().path("id").asInt();
    actions.add("created queue " + name + " (#" + id + ")");
    return id;
  }

  private Map<String, Integer> fieldsOf(int queueId) {
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (int page = 1; ; page++) {
      JsonNode body =
          rt.expect2xx(
                  "GET queue/" + queueId + "/customfields",
                  rt.get(
                      "queue/" + queueId + "/customfields",
                      Map.of("fields", "Name", "per_page", "100", "page", String.valueOf(page))))
              .body();
      for (JsonNode item : body.path("items")) {
        fields.putIfAbsent(item.path("Name").asText(), item.path("id").asInt());
      }
      if (body.path("items").size() < 100) {
        return fields;
      }
    }
  }

  private int createField(RtFieldSpec spec, String queueName) {
    Map<String, Object> field = new LinkedHashMap<>();
    field.put("Name", spec.name());
    field.put("Type", spec.type().rtName());
    field.put("MaxValues", spec.multiple() ? 0 : 1);
    field.put("LookupType", "RT::Queue-RT::Ticket");
    field.put("Queue", queueName);
    field.put("Description", spec.description());
    RtClient.Answer created =
        rt.expect2xx("POST customfield " + spec.name(), rt.post("customfield", field));
    return created.body().path("id").asInt();
  }

  private void addMissingValues(RtFieldSpec spec, int fieldId, List<String> actions) {
    Set<String> present = new HashSet<>();
    JsonNode values =
        rt.expect2xx(
                "GET customfield/" + fieldId + "/values",
                rt.get(
                    "customfield/" + fieldId + "/values",
                    Map.of("per_page", "100", "fields", "Name")))
            .body();
    values.path("items").forEach(v -> present.add(v.path("name").asText(v.path("Name").asText())));
    int order = 0;
    for (String value : spec.values()) {
      order++;
      if (!present.contains(value)) {
        rt.expect2xx(
            "POST customfield/" + fieldId + "/value",
            rt.post(
                "customfield/" + fieldId + "/value", Map.of("Name", value, "SortOrder", order)));
        actions.add("added value '" + value + "' to custom field " + spec.name());
      }
    }
  }

  static String encode(String pathSegment) {
    return java.net.URLEncoder.encode(pathSegment, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }
}
