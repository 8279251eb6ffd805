package org.socialdesk.host.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * X's official OpenAPI (2.167, the copy pinned in the social-channel plugin's test resources) as
 * the judge of what the real Socialdesk exchanged with the emulated X: the same wiring as the
 * plugin's {@code XSpec} (closed object schemas, the spec's duplicate enum value removed, query
 * parameters the spec does not name are errors), kept to what these tests need. A stub carrying the
 * metadata {@value #DEVIATION} answers with X's real body that the spec does not describe (429,
 * 401): its request is judged, its answer is not.
 */
final class XOpenApiJudge {

  static final String DEVIATION = "specDeviation";
  /** Tests run in the dist module's folder. */
  static final Path SPEC = Path.of("../social-channel-plugin/src/test/resources/specs/x-api-v2-openapi.json");

  private final OpenApiInteractionValidator validator;

  private XOpenApiJudge(OpenApiInteractionValidator validator) {
    this.validator = validator;
  }

  static XOpenApiJudge load() {
    JsonNode spec;
    try {
      spec = new ObjectMapper().readTree(SPEC.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SPEC.toAbsolutePath(), e);
    }
    spec.path("components").path("schemas").forEach(XOpenApiJudge::close);
    dedupeEnums(spec);
    return new XOpenApiJudge(OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR)
            .build())
        .build());
  }

  /** One line (or block) per exchange the spec does not allow; empty when all conform. */
  List<String> problems(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest logged = event.getRequest();
      String exchange = logged.getMethod() + " " + logged.getUrl();
      if (!event.getWasMatched()) {
        problems.add(exchange + ": no stub answers it");
        continue;
      }
      Request request = request(logged);
      report(problems, exchange + " (request)", validator.validateRequest(request));
      Map<String, Object> metadata = event.getStubMapping().getMetadata() == null ? Map.of() : event.getStubMapping().getMetadata();
      boolean answered = event.getResponseDefinition().getFault() == null;
      if (!metadata.containsKey(DEVIATION) && answered) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(event.getResponse().getStatus());
        for (HttpHeader header : event.getResponse().getHeaders().all()) {
          response.withHeader(header.key(), header.values());
        }
        byte[] body = event.getResponse().getBody();
        if (body != null && body.length > 0) {
          response.withBody(body);
        }
        report(problems, exchange + " (stubbed answer)", validator.validateResponse(request.getPath(), request.getMethod(), response.build()));
      }
    }
    return problems;
  }

  private static void report(List<String> problems, String exchange, ValidationReport report) {
    if (report.hasErrors()) {
      problems.add(exchange + ":\n" + SimpleValidationReportFormat.getInstance().apply(report));
    }
  }

  private static Request request(LoggedRequest logged) {
    URI uri = URI.create(logged.getUrl());
    SimpleRequest.Builder builder = new SimpleRequest.Builder(logged.getMethod().getName(), uri.getRawPath());
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int equals = pair.indexOf('=');
        builder.withQueryParam(decode(equals < 0 ? pair : pair.substring(0, equals)), equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    for (HttpHeader header : logged.getHeaders().all()) {
      builder.withHeader(header.key(), header.values());
    }
    if (logged.getBody() != null && logged.getBody().length > 0) {
      builder.withBody(logged.getBody());
    }
    return builder.build();
  }

  /** A stub may only use the fields the spec names: every object schema listing its properties refuses others. */
  private static void close(JsonNode schema) {
    if (!(schema instanceof ObjectNode object) || object.has("$ref")) {
      return;
    }
    if (object.path("properties").isObject()) {
      if (!object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.path("properties").forEach(XOpenApiJudge::close);
    }
    close(object.path("items"));
    close(object.path("additionalProperties"));
    for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
      object.path(combinator).forEach(XOpenApiJudge::close);
    }
  }

  /** 2.167 lists {@code attachments.media_keys} twice in one enum, which JSON Schema forbids. */
  private static void dedupeEnums(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.get("enum") instanceof ArrayNode values) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        values.forEach(seen::add);
        if (seen.size() < values.size()) {
          values.removeAll();
          seen.forEach(values::add);
        }
      }
      object.forEach(XOpenApiJudge::dedupeEnums);
    } else if (node.isArray()) {
      node.forEach(XOpenApiJudge::dedupeEnums);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
