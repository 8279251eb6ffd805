package org.socialdesk.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialdesk.api.Secret;

/**
 * Meta's own description of the Graph nodes and edges (src/test/resources/specs/meta, from
 * facebook-business-sdk-codegen) as a judge of every request the channel sends to the emulated
 * Graph API. A request must be {@code /<version>/<node-id>[/<edge>]} with the configured version;
 * the node's type comes from the ids the test registered ({@link #node}); the type must offer that
 * method on that edge (or on the node itself); every parameter, from the query, a form body or the
 * top level of a JSON body, must be one the spec lists for it, or one Graph takes everywhere
 * ({@code access_token}, {@code appsecret_proof}; on reads also {@code fields}, {@code limit},
 * {@code after}, {@code before}); the required ones must be there; an enumerated parameter must
 * hold one of its values; each name in {@code fields} must be a field of the type returned; and
 * every call must carry a token and its {@code appsecret_proof}, which must be the HMAC of that
 * token with the app secret.
 */
public final class MetaGraphSpec {

  static final String RESOURCES = "/specs/meta/";
  static final List<String> TYPES =
      List.of(
          "Page", "PagePost", "Post", "Comment", "UnifiedThread", "IGUser", "IGMedia", "IGComment");
  private static final Set<String> EVERYWHERE = Set.of("access_token", "appsecret_proof");
  private static final Set<String> READS = Set.of("fields", "limit", "after", "before");
  private static final Pattern PATH = Pattern.compile("/(v[0-9]+\\.[0-9]+)/([^/?]+)(?:/([^/?]+))?");

  private final String version;
  private final Secret appSecret;
  private final Map<String, String> nodes = new ConcurrentHashMap<>();

  public MetaGraphSpec(String version, Secret appSecret) {
    this.version = version;
    this.appSecret = appSecret;
  }

  /** Declares that {@code id} is a node of {@code type} (one of {@link #TYPES}). */
  public MetaGraphSpec node(String id, String type) {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("no spec for node type " + type + "; known: " + TYPES);
    }
    nodes.put(id, type);
    return this;
  }

  /** What is wrong with each request, one line per problem; empty when all are allowed. */
  public List<String> problems(List<LoggedRequest> requests) {
    List<String> problems = new ArrayList<>();
    for (LoggedRequest request : requests) {
      for (String problem : problems(request)) {
        problems.add(request.getMethod() + " " + request.getUrl() + ": " + problem);
      }
    }
    return problems;
  }

  /** What is wrong with one request; empty when the spec allows it. */
  public List<String> problems(LoggedRequest request) {
    String method = request.getMethod().getName();
    URI uri = URI.create(request.getUrl());
    Matcher path = PATH.matcher(uri.getRawPath());
    if (!path.matches()) {
      return List.of("the path is not /<version>/<node>[/<edge>]");
    }
    List<String> problems = new ArrayList<>();
    if (!path.group(1).equals(version)) {
      problems.add("the version is " + path.group(1) + ", the configured one " + version);
    }
    String type = nodes.get(path.group(2));
    if (type == null) {
      problems.add("the node id " + path.group(2) + " is not one the test declared");
      return problems;
    }
    String edge = path.group(3);
    JsonNode api = api(type, method, edge);
    String what = type + " " + method + " " + (edge == null ? "(the node itself)" : edge);
    if (api == null) {
      problems.add(
          type
              + " has no "
              + method
              + " "
              + (edge == null ? "on the node itself" : "edge " + edge)
              + " in Meta's spec");
      return problems;
    }
    Map<String, List<String>> parameters = parameters(request, uri);
    Map<String, JsonNode> declared = new HashMap<>();
    api.path("params").forEach(p -> declared.put(p.path("name").asText(), p));
    for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
      String name = parameter.getKey();
      JsonNode spec = declared.get(name);
      if (spec == null
          && !EVERYWHERE.contains(name)
          && !(method.equals("GET") && READS.contains(name))) {
        problems.add(what + " has no parameter '" + name + "'");
      } else if (spec != null) {
        problems.addAll(enumProblems(what, name, spec.path("type").asText(), parameter.getValue()));
      }
    }
    declared.values().stream()
        .filter(
            p ->
                p.path("required").asBoolean(false)
                    && !parameters.containsKey(p.path("name").asText()))
        .forEach(p -> problems.add(what + " requires '" + p.path("name").asText() + "'"));
    if (parameters.containsKey("fields")) {
      String returned = edge == null ? type : api.path("return").asText();
      problems.addAll(fieldProblems(returned, parameters.get("fields").get(0)));
    }
    problems.addAll(tokenProblems(request, parameters));
    return problems;
  }

  private List<String> tokenProblems(LoggedRequest request, Map<String, List<String>> parameters) {
    String authorization = request.getHeader("Authorization");
    String token =
        authorization != null && authorization.startsWith("Bearer ")
            ? authorization.substring(7)
            : parameters.containsKey("access_token") ? parameters.get("access_token").get(0) : null;
    if (token == null) {
      return List.of("no access token (neither a Bearer header nor access_token)");
    }
    if (!parameters.containsKey("appsecret_proof")) {
      return List.of("no appsecret_proof");
    }
    String expected = MetaGraph.appsecretProof(appSecret, Secret.of(token));
    return expected.equals(parameters.get("appsecret_proof").get(0))
        ? List.of()
        : List.of("appsecret_proof is not the HMAC of the token");
  }

  private static List<String> enumProblems(
      String what, String name, String type, List<String> values) {
    String enumName = type.startsWith("list<") ? type.substring(5, type.length() - 1) : type;
    if (!enumName.endsWith("_enum_param")) {
      return List.of();
    }
    List<String> allowed = Holder.ENUMS.get(enumName);
    if (allowed == null) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    for (String value : values) {
      for (String one :
          type.startsWith("list<")
              ? value.replaceAll("[\\[\\]\" ]", "").split(",")
              : new String[] {value}) {
        if (!allowed.contains(one)) {
          problems.add(what + ": '" + name + "' is " + one + ", not one of " + allowed);
        }
      }
    }
    return problems;
  }

  /**
   * Each top-level name of a {@code fields} list ({@code a,b{c,d},e.limit(5)}) must be a field of
   * {@code type}, or one of its edges read with GET (Graph's field expansion, {@code
   * replies{id,text}}), whose own list is then judged against the type the edge returns.
   */
  private static List<String> fieldProblems(String type, String fields) {
    JsonNode spec = Holder.SPECS.get(type);
    if (spec == null) {
      return List.of();
    }
    Set<String> known = new java.util.HashSet<>();
    spec.path("fields").forEach(f -> known.add(f.path("name").asText()));
    List<String> problems = new ArrayList<>();
    for (String[] field : topLevel(fields)) {
      String name = field[0];
      JsonNode edge = known.contains(name) ? null : api(type, "GET", name);
      if (edge != null && !field[1].isEmpty()) {
        problems.addAll(fieldProblems(edge.path("return").asText(), field[1]));
      } else if (edge == null && !known.contains(name)) {
        problems.add(type + " has no field '" + name + "'");
      }
    }
    return problems;
  }

  /** The top-level names of a fields list, each with the list in its braces (or ""). */
  private static List<String[]> topLevel(String fields) {
    List<String[]> names = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    StringBuilder nested = new StringBuilder();
    boolean inBraces = false;
    for (char c : (fields + ",").toCharArray()) {
      if (c == '{' || c == '(') {
        if (depth == 0 && c == '{') {
          inBraces = true;
        } else if (inBraces) {
          nested.append(c);
        }
        depth++;
      } else if (c == '}' || c == ')') {
        depth--;
        if (depth == 0 && c == '}') {
          inBraces = false;
        } else if (inBraces) {
          nested.append(c);
        }
      } else if (c == ',' && depth == 0) {
        String name = current.toString().strip();
        int dot = name.indexOf('.');
        names.add(new String[] {dot < 0 ? name : name.substring(0, dot), nested.toString()});
        current.setLength(0);
        nested.setLength(0);
      } else if (depth == 0) {
        current.append(c);
      } else if (inBraces) {
        nested.append(c);
      }
    }
    return names;
  }

  private static JsonNode api(String type, String method, String edge) {
    for (JsonNode api : Holder.SPECS.get(type).path("apis")) {
      boolean sameEdge =
          edge == null ? !api.has("endpoint") : edge.equals(api.path("endpoint").asText(null));
      if (sameEdge && api.path("method").asText().equals(method)) {
        return api;
      }
    }
    return null;
  }

  private static Map<String, List<String>> parameters(LoggedRequest request, URI uri) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    addForm(parameters, uri.getRawQuery());
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    String body = request.getBodyAsString();
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      addForm(parameters, body);
    } else if (contentType.startsWith("application/json") && body != null && !body.isBlank()) {
      try {
        MetaJson.MAPPER
            .readTree(body)
            .properties()
            .forEach(
                e ->
                    parameters
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(
                            e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
      } catch (IOException e) {
        parameters.put("(body is not JSON)", List.of(""));
      }
    }
    return parameters;
  }

  private static void addForm(Map<String, List<String>> parameters, String form) {
    if (form == null || form.isEmpty()) {
      return;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  /** The spec files, parsed once per test JVM. */
  private static final class Holder {
    static final Map<String, JsonNode> SPECS = load();
    static final Map<String, List<String>> ENUMS = enums();

    private static Map<String, JsonNode> load() {
      Map<String, JsonNode> specs = new HashMap<>();
      for (String type : TYPES) {
        specs.put(type, read(type + ".json"));
      }
      return specs;
    }

    private static Map<String, List<String>> enums() {
      Map<String, List<String>> enums = new HashMap<>();
      for (JsonNode e : read("enum_types.json")) {
        List<String> values = new ArrayList<>();
        e.path("values").forEach(v -> values.add(v.asText()));
        enums.put(e.path("name").asText(), values);
      }
      return enums;
    }

    private static JsonNode read(String file) {
      try (InputStream in = MetaGraphSpec.class.getResourceAsStream(RESOURCES + file)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCES + file + " is missing from the test classpath");
        }
        return MetaJson.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
