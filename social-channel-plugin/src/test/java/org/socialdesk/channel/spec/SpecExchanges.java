package org.socialdesk.channel.spec;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.SimpleValidationReportFormat;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What every network's spec judge (XSpec, YouTubeSpec) does alike: WireMock's logged exchanges as
 * the validator's requests and responses, object schemas closed to fields they do not name, and a
 * report as one problem line.
 */
public final class SpecExchanges {

  private SpecExchanges() {}

  /**
   * Problems of every exchange in {@code events}, one line each; empty when all conform. An
   * exchange nobody stubbed is a problem; one {@code unjudged} accepts (outside the spec) is
   * skipped; a stub carrying {@code deviationKey} in its metadata has its request judged but not
   * its answer, nor has a stub that cuts the connection, since there is no answer.
   */
  public static List<String> problems(
      List<ServeEvent> events,
      OpenApiInteractionValidator validator,
      String deviationKey,
      Predicate<ServeEvent> unjudged) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest logged = event.getRequest();
      String exchange = logged.getMethod() + " " + logged.getUrl();
      if (!event.getWasMatched()) {
        problems.add(
            exchange
                + ": no stub answers it (the client called something the test did not expect)");
        continue;
      }
      if (unjudged.test(event)) {
        continue;
      }
      Request request = request(logged);
      report(problems, exchange + " (request)", validator.validateRequest(request));
      Map<String, Object> metadata =
          event.getStubMapping().getMetadata() == null
              ? Map.of()
              : event.getStubMapping().getMetadata();
      if (!metadata.containsKey(deviationKey) && event.getResponseDefinition().getFault() == null) {
        report(
            problems,
            exchange + " (stubbed answer " + event.getResponse().getStatus() + ")",
            validator.validateResponse(
                request.getPath(), request.getMethod(), response(event.getResponse())));
      }
    }
    return problems;
  }

  /** Whether the exchange's stub carries {@code key} in its metadata. */
  public static boolean hasMetadata(ServeEvent event, String key) {
    return event.getStubMapping().getMetadata() != null
        && event.getStubMapping().getMetadata().containsKey(key);
  }

  /** The logged request as the validator reads it: path, decoded query, headers, body. */
  public static Request request(LoggedRequest logged) {
    URI uri;
    try {
      uri = new URI(logged.getUrl());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(logged.getUrl(), e);
    }
    SimpleRequest.Builder builder =
        new SimpleRequest.Builder(logged.getMethod().getName(), uri.getRawPath());
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        builder.withQueryParam(name, value);
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

  /** The stubbed answer as the validator reads it. */
  public static SimpleResponse response(LoggedResponse logged) {
    SimpleResponse.Builder builder = SimpleResponse.Builder.status(logged.getStatus());
    if (logged.getHeaders() != null) {
      for (HttpHeader header : logged.getHeaders().all()) {
        builder.withHeader(header.key(), header.values());
      }
    }
    if (logged.getBody() != null && logged.getBody().length > 0) {
      builder.withBody(logged.getBody());
    }
    return builder.build();
  }

  /** Adds {@code report} to {@code problems} as one entry when it has errors. */
  public static void report(List<String> problems, String exchange, ValidationReport report) {
    if (report.hasErrors()) {
      problems.add(exchange + ":\n" + SimpleValidationReportFormat.getInstance().apply(report));
    }
  }

  /**
   * Makes every object schema that lists its properties refuse others ({@code additionalProperties:
   * false}, unless the spec says otherwise), so that a stub naming a field the spec does not have
   * (a typo, an older name) fails. The networks may add fields at any time; the clients ignore
   * unknown ones.
   */
  public static void closeSchema(JsonNode schema) {
    if (!(schema instanceof ObjectNode object) || object.has("$ref")) {
      return;
    }
    if (object.path("properties").isObject()) {
      if (!object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      object.path("properties").forEach(SpecExchanges::closeSchema);
    }
    closeSchema(object.path("items"));
    closeSchema(object.path("additionalProperties"));
    for (String combinator : new String[] {"oneOf", "anyOf", "allOf"}) {
      object.path(combinator).forEach(SpecExchanges::closeSchema);
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
