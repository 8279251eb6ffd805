package org.socialdesk.channel.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Judges the requests the channel sent to WireMock by the protocol's own lexicons (copied from
 * ../shared/specs/bluesky/lexicons into the test resources, same paths): the method exists, a
 * {@code query} is a GET and a {@code procedure} a POST, every query parameter is declared, of its
 * type (integer bounds, array or single) and the required ones present, and a procedure's JSON body
 * is an object with the required properties and no undeclared ones.
 */
final class BlueskyLexicons {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BlueskyLexicons() {}

  static List<String> problems(List<ServeEvent> exchanges) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent exchange : exchanges) {
      problems.addAll(problems(exchange.getRequest()));
    }
    return problems;
  }

  static List<String> problems(LoggedRequest request) {
    URI uri = URI.create(request.getUrl());
    String path = uri.getPath();
    if (!path.startsWith("/xrpc/")) {
      return List.of(request.getMethod() + " " + path + ": not an XRPC path");
    }
    String nsid = path.substring("/xrpc/".length());
    JsonNode main;
    try {
      main = lexicon(nsid).path("defs").path("main");
    } catch (IOException e) {
      return List.of(nsid + ": no lexicon (" + e.getMessage() + ")");
    }
    List<String> problems = new ArrayList<>();
    String type = main.path("type").asText();
    String expected = type.equals("query") ? "GET" : type.equals("procedure") ? "POST" : "?";
    if (!expected.equals(request.getMethod().getName())) {
      problems.add(
          nsid + ": a " + type + " is sent as " + expected + ", not " + request.getMethod());
    }
    problems.addAll(parameters(nsid, main.path("parameters"), request));
    if (type.equals("procedure") && main.path("input").path("schema").isObject()) {
      problems.addAll(body(nsid, main.path("input").path("schema"), request.getBodyAsString()));
    }
    return problems;
  }

  private static List<String> parameters(String nsid, JsonNode declared, LoggedRequest request) {
    List<String> problems = new ArrayList<>();
    JsonNode properties = declared.path("properties");
    Map<String, QueryParameter> sent = request.getQueryParams();
    for (Map.Entry<String, QueryParameter> parameter : sent.entrySet()) {
      JsonNode spec = properties.path(parameter.getKey());
      if (spec.isMissingNode()) {
        problems.add(nsid + ": undeclared parameter " + parameter.getKey());
        continue;
      }
      List<String> values = parameter.getValue().values();
      if (!spec.path("type").asText().equals("array") && values.size() > 1) {
        problems.add(
            nsid
                + ": "
                + parameter.getKey()
                + " is not an array but was sent "
                + values.size()
                + " times");
      }
      JsonNode item = spec.path("type").asText().equals("array") ? spec.path("items") : spec;
      for (String value : values) {
        problems.addAll(scalar(nsid + ": " + parameter.getKey(), item, value));
      }
    }
    for (JsonNode required : declared.path("required")) {
      if (!sent.containsKey(required.asText())) {
        problems.add(nsid + ": required parameter " + required.asText() + " missing");
      }
    }
    return problems;
  }

  private static List<String> scalar(String what, JsonNode spec, String value) {
    switch (spec.path("type").asText()) {
      case "integer" -> {
        try {
          long number = Long.parseLong(value);
          if (spec.has("minimum") && number < spec.path("minimum").asLong()
              || spec.has("maximum") && number > spec.path("maximum").asLong()) {
            return List.of(what + " = " + value + " is out of its bounds");
          }
        } catch (NumberFormatException e) {
          return List.of(what + " = " + value + " is not an integer");
        }
      }
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          return List.of(what + " = " + value + " is not a boolean");
        }
      }
      default -> {
        if (spec.path("format").asText().equals("at-uri") && !value.startsWith("at://")) {
          return List.of(what + " = " + value + " is not an at-URI");
        }
      }
    }
    return List.of();
  }

  private static List<String> body(String nsid, JsonNode schema, String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return List.of(nsid + ": the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      return List.of(nsid + ": the body is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode required : schema.path("required")) {
      if (!json.has(required.asText())) {
        problems.add(nsid + ": required property " + required.asText() + " missing");
      }
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!schema.path("properties").has(name)) {
        problems.add(nsid + ": undeclared property " + name);
      }
    }
    return problems;
  }

  private static JsonNode lexicon(String nsid) throws IOException {
    String resource = "/specs/bluesky/lexicons/" + nsid.replace('.', '/') + ".json";
    try (InputStream in = BlueskyLexicons.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException(resource + " is not among the copied lexicons");
      }
      return JSON.readTree(in);
    }
  }
}
