package org.socialdesk.host.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The real Request Tracker that scripts/rt installs, seen from a test: reset to a clean database,
 * read as the service user, and acted on as an agent (root, with basic auth, as a person would).
 */
final class TestRt {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private TestRt(String url, String token) {
    this.url = url;
    this.token = token;
  }

  /** The RT of this machine; skipped outside CI when not configured, a failure on CI. */
  static TestRt fromEnvironment() {
    String url = System.getenv("RT_URL");
    String token = System.getenv("RT_TOKEN");
    if (url == null || token == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(
            "RT_URL/RT_TOKEN are not set on CI: run the tests with scripts/test.sh");
      }
      assumeTrue(false, "RT not configured (source scripts/rt/env.sh); skipped outside CI");
    }
    return new TestRt(url, token);
  }

  String url() {
    return url;
  }

  String token() {
    return token;
  }

  /** Restores RT's pristine database (scripts/rt/reset.sh), a few seconds. */
  void reset() throws IOException, InterruptedException {
    script("reset.sh");
  }

  void stopServer() throws IOException, InterruptedException {
    script("stop.sh");
  }

  void startServer() throws IOException, InterruptedException {
    script("start.sh");
  }

  /** Runs one of the project's RT scripts (tests run in the dist module's folder). */
  private static void script(String name) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", "../scripts/rt/" + name).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(name + " failed:\n" + output);
    }
  }

  /** Tickets of the Social queue holding the post {@code network:id}. */
  List<String> ticketsWithPost(String postKey) throws IOException, InterruptedException {
    JsonNode found =
        get(
            "tickets?query="
                + encode("Queue = 'Social' AND 'CF.{SocialPostId}' = '" + postKey + "'")
                + "&per_page=50");
    List<String> ids = new ArrayList<>();
    found.path("items").forEach(item -> ids.add(item.path("id").asText()));
    return ids;
  }

  /** Ids of every ticket of the Social queue, oldest first. */
  List<String> socialTicketIds() throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode found =
          get(
              "tickets?query="
                  + encode("Queue = 'Social'")
                  + "&orderby=id&order=ASC&per_page=100&page="
                  + page);
      found.path("items").forEach(item -> ids.add(item.path("id").asText()));
      if (found.path("items").size() < 100) {
        return ids;
      }
    }
  }

  int socialTicketCount() throws IOException, InterruptedException {
    return get("tickets?query=" + encode("Queue = 'Social'") + "&per_page=1").path("total").asInt();
  }

  JsonNode ticket(String id) throws IOException, InterruptedException {
    return get("ticket/" + id);
  }

  /** A custom field's values on a ticket, by field name. */
  List<String> fieldValues(String ticketId, String field) throws IOException, InterruptedException {
    List<String> values = new ArrayList<>();
    for (JsonNode cf : ticket(ticketId).path("CustomFields")) {
      if (cf.path("name").asText().equals(field)) {
        cf.path("values").forEach(v -> values.add(v.asText()));
      }
    }
    return values;
  }

  /** Texts of the ticket's transactions of one type (Correspond, Comment, Create). */
  List<String> transactionTexts(String ticketId, String type)
      throws IOException, InterruptedException {
    return transactions(ticketId, List.of(type)).stream().map(Transaction::text).toList();
  }

  /** A transaction of a ticket with its text (the contents of its attachments). */
  record Transaction(String id, String type, String text) {}

  /** The ticket's transactions of the given types (Correspond, Comment, Create), in RT's order. */
  List<Transaction> transactions(String ticketId, List<String> types)
      throws IOException, InterruptedException {
    List<Transaction> transactions = new ArrayList<>();
    for (int page = 1; ; page++) {
      JsonNode history =
          get("ticket/" + ticketId + "/history?per_page=100&page=" + page + "&fields=Type");
      for (JsonNode txn : history.path("items")) {
        String type = txn.path("Type").asText();
        if (types.contains(type)) {
          JsonNode parts =
              get(
                  "transaction/"
                      + txn.path("id").asText()
                      + "/attachments?fields=ContentType,Content");
          StringBuilder text = new StringBuilder();
          parts.path("items").forEach(p -> text.append(p.path("Content").asText("")));
          transactions.add(new Transaction(txn.path("id").asText(), type, text.toString()));
        }
      }
      if (history.path("items").size() < 100) {
        return transactions;
      }
    }
  }

  /** How many transactions the ticket has, of any type: a cheap sign that something changed. */
  int transactionCount(String ticketId) throws IOException, InterruptedException {
    return get("ticket/" + ticketId + "/history?per_page=1").path("total").asInt();
  }

  /**
   * The values a ticket's core field was set to ({@code Set} transactions), oldest first, in RT's
   * text.
   */
  List<String> fieldHistory(String ticketId, String field)
      throws IOException, InterruptedException {
    JsonNode history =
        get("ticket/" + ticketId + "/history?per_page=100&fields=Type,Field,NewValue");
    List<String> values = new ArrayList<>();
    for (JsonNode txn : history.path("items")) {
      if (txn.path("Type").asText().equals("Set") && txn.path("Field").asText().equals(field)) {
        values.add(txn.path("NewValue").asText());
      }
    }
    return values;
  }

  /** An agent changing the ticket's status, e.g. to {@code resolved}. */
  void setStatusAsAgent(String ticketId, String status) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            agentRequest("ticket/" + ticketId).PUT(body(Map.of("Status", status))).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "RT status "
              + status
              + " on "
              + ticketId
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** An agent changing the ticket's priority. */
  void setPriorityAsAgent(String ticketId, int priority) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            agentRequest("ticket/" + ticketId).PUT(body(Map.of("Priority", priority))).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "RT priority "
              + priority
              + " on "
              + ticketId
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }

  /** An agent's reply to the customer, as RT's Reply button makes it. */
  void correspondAsAgent(String ticketId, String text) throws IOException, InterruptedException {
    agentPost(
        "ticket/" + ticketId + "/correspond", Map.of("Content", text, "ContentType", "text/plain"));
  }

  /** An internal comment, which must never leave the helpdesk. */
  void commentAsAgent(String ticketId, String text) throws IOException, InterruptedException {
    agentPost(
        "ticket/" + ticketId + "/comment", Map.of("Content", text, "ContentType", "text/plain"));
  }

  void setFieldAsAgent(String ticketId, String fieldName, String value)
      throws IOException, InterruptedException {
    int id = -1;
    for (JsonNode cf : ticket(ticketId).path("CustomFields")) {
      if (cf.path("name").asText().equals(fieldName)) {
        id = cf.path("id").asInt();
      }
    }
    HttpRequest request =
        agentRequest("ticket/" + ticketId)
            .PUT(body(Map.of("CustomFields", Map.of(Integer.toString(id), value))))
            .build();
    http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private void agentPost(String path, Map<String, Object> body)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            agentRequest(path).POST(body(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "RT " + path + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private HttpRequest.Builder agentRequest(String path) {
    String basic =
        Base64.getEncoder().encodeToString("root:password".getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(url + "/REST/2.0/" + path))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/json");
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url + "/REST/2.0/" + path))
            .header("Authorization", "token " + token)
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static HttpRequest.BodyPublisher body(Object value) throws IOException {
    return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The ticket that holds post {@code postKey} ({@code network:id}), once Socialdesk has filed it
   * within {@code timeout}; else the test fails with {@code context} (Socialdesk's log, say).
   */
  String awaitTicketWithPost(String postKey, Duration timeout, Supplier<String> context)
      throws InterruptedException {
    Optional<String> ticket =
        eventually(
            timeout,
            () -> {
              try {
                List<String> found = ticketsWithPost(postKey);
                return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
              } catch (Exception notYet) {
                return Optional.empty();
              }
            });
    if (ticket.isEmpty()) {
      throw new AssertionError(
          "no ticket for " + postKey + " within " + timeout + "\n" + context.get());
    }
    return ticket.get();
  }

  /** A check that may throw while what it looks at is not there yet. */
  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  /**
   * Whether {@code check} comes to hold within {@code timeout}; an exception counts as "not yet".
   */
  static boolean holdsWithin(Duration timeout, Check check) throws InterruptedException {
    return eventually(
            timeout,
            () -> {
              try {
                return check.holds() ? Optional.of(true) : Optional.<Boolean>empty();
              } catch (Exception e) {
                return Optional.empty();
              }
            })
        .isPresent();
  }

  /** Polls until the value is present or the timeout passes. */
  static <T> Optional<T> eventually(Duration timeout, Supplier<Optional<T>> probe)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value;
      }
      Thread.sleep(200);
    }
    return Optional.empty();
  }
}
