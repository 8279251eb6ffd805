package org.socialdesk.channel.line;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
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
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LINE's official OpenAPI files (src/test/resources/specs/line-messaging-api.yml and
 * line-webhook.yml, from line/line-openapi; both OpenAPI 3.0, so no conversion is needed) as the
 * judge of what the tests exchange with the emulated LINE: every request the channel sent must be
 * one the Messaging API spec allows (path, method, headers such as {@code X-Line-Retry-Key}, the
 * body against {@code ReplyMessageRequest} / {@code PushMessageRequest}, Authorization), and every
 * stubbed answer must match the response schema of its status. Webhook payloads the tests send to
 * the channel are judged against line-webhook.yml ({@link #webhookProblems}). A stub that imitates
 * a real answer the spec does not describe carries the metadata {@value #DEVIATION} with the
 * reason: its request is still checked, its body is not.
 */
public final class LineSpec {

  public static final String DEVIATION = "specDeviation";
  static final String API = "/specs/line-messaging-api.yml";
  static final String WEBHOOK = "/specs/line-webhook.yml";

  private LineSpec() {}

  /** Parsing the 5,900-line Messaging API file takes a moment: once per test JVM. */
  private static final class Holder {
    static final OpenApiInteractionValidator API_VALIDATOR = load(API, true);
    static final OpenApiInteractionValidator WEBHOOK_VALIDATOR = load(WEBHOOK, false);

    private static OpenApiInteractionValidator load(String resource, boolean bearer) {
      JsonNode spec;
      try (InputStream in = LineSpec.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the test classpath");
        }
        spec = new YAMLMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      requireDiscriminators(spec);
      LevelResolver.Builder levels =
          LevelResolver.create()
              .withLevel(
                  "validation.request.parameter.query.unexpected", ValidationReport.Level.ERROR);
      // Both files build objects as allOf chains through discriminators (Event -> MessageEvent,
      // Message -> TextMessage); the validator's closing of each part to the others' properties
      // would refuse every real event and message. closedMessageBodies closes what the channel
      // sends.
      levels.withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE);
      try {
        OpenApiInteractionValidator.Builder builder =
            OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
                .withResolveCombinators(true)
                .withLevelResolver(
                    levels
                        // The validator cannot check HTTP bearer auth itself; requireBearer does.
                        .withLevel(
                            "validation.request.security.missing", ValidationReport.Level.IGNORE)
                        .withLevel(
                            "validation.request.security.invalid", ValidationReport.Level.IGNORE)
                        .build());
        if (bearer) {
          builder
              .withCustomRequestValidation(LineSpec::requireBearer)
              .withCustomRequestValidation(LineSpec::closedMessageBodies);
        }
        return builder.build();
      } catch (OpenApiInteractionValidator.ApiLoadException e) {
        throw new IllegalStateException("cannot load " + resource + ": " + e.getParseMessages(), e);
      }
    }
  }

  /**
   * Repairs a defect of the Messaging API file: some schemas ({@code Action}) name a {@code
   * discriminator} property without listing it as required, which the validator's JSON Schema
   * library refuses as invalid ("'discriminator' field 'type' must be marked as a required
   * property"), so no message request could be checked. The discriminator is required in fact (LINE
   * needs the {@code type}); the file itself stays unchanged.
   */
  private static void requireDiscriminators(JsonNode node) {
    if (node instanceof ObjectNode object) {
      String property = object.path("discriminator").path("propertyName").asText("");
      if (!property.isEmpty() && object.path("properties").has(property)) {
        ArrayNode required =
            object.path("required") instanceof ArrayNode list ? list : object.putArray("required");
        boolean listed = false;
        for (JsonNode name : required) {
          listed |= name.asText().equals(property);
        }
        if (!listed) {
          required.add(property);
        }
      }
      object.forEach(LineSpec::requireDiscriminators);
    } else if (node.isArray()) {
      node.forEach(LineSpec::requireDiscriminators);
    }
  }

  /**
   * Every Messaging API operation the channel calls needs {@code Authorization: Bearer <channel
   * access token>}.
   */
  private static ValidationReport requireBearer(Request request, ApiOperation operation) {
    String authorization = request.getHeaderValue("Authorization").orElse("");
    if (authorization.matches("Bearer \\S+")) {
      return ValidationReport.empty();
    }
    return ValidationReport.singleton(
        ValidationReport.Message.create(
                "socialdesk.request.authorization",
                operation.getApiPath().normalised() + " needs Authorization: Bearer <token>")
            .build());
  }

  /**
   * The fields the spec gives a reply or push request and a text message, and no others, since the
   * validator cannot close allOf schemas (above): a misspelt or invented field fails.
   */
  private static ValidationReport closedMessageBodies(Request request, ApiOperation operation) {
    String path = operation.getApiPath().normalised();
    Set<String> allowed =
        switch (path) {
          case "/v2/bot/message/reply" -> Set.of("replyToken", "messages", "notificationDisabled");
          case "/v2/bot/message/push" ->
              Set.of("to", "messages", "notificationDisabled", "customAggregationUnits");
          default -> null;
        };
    if (allowed == null || request.getRequestBody().isEmpty()) {
      return ValidationReport.empty();
    }
    List<String> unknown = new ArrayList<>();
    try {
      JsonNode body =
          new ObjectMapper()
              .readTree(request.getRequestBody().get().toString(StandardCharsets.UTF_8));
      body.fieldNames()
          .forEachRemaining(
              name -> {
                if (!allowed.contains(name)) {
                  unknown.add(name);
                }
              });
      for (JsonNode message : body.path("messages")) {
        if ("text".equals(message.path("type").asText())) {
          message
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    if (!TEXT_MESSAGE.contains(name)) {
                      unknown.add("messages[]." + name);
                    }
                  });
        }
      }
    } catch (IOException e) {
      return ValidationReport.empty(); // the schema validation reports the malformed body
    }
    return unknown.isEmpty()
        ? ValidationReport.empty()
        : ValidationReport.singleton(
            ValidationReport.Message.create(
                    "socialdesk.request.body.unknownField",
                    path + " has fields LINE's spec does not: " + unknown)
                .build());
  }

  private static final Set<String> TEXT_MESSAGE =
      Set.of("type", "text", "emojis", "quoteToken", "quickReply", "sender");

  /** Problems of every exchange in {@code events}, one entry each; empty when all conform. */
  public static List<String> problems(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest logged = event.getRequest();
      String exchange = logged.getMethod() + " " + logged.getUrl();
      if (!event.getWasMatched()) {
        problems.add(
            exchange
                + ": no stub answers it (the channel called something the test did not expect)");
        continue;
      }
      Request request = request(logged);
      report(problems, exchange + " (request)", Holder.API_VALIDATOR.validateRequest(request));
      Map<String, Object> metadata =
          event.getStubMapping().getMetadata() == null
              ? Map.of()
              : event.getStubMapping().getMetadata();
      boolean answered = event.getResponseDefinition().getFault() == null;
      if (!metadata.containsKey(DEVIATION) && answered) {
        report(
            problems,
            exchange + " (stubbed answer " + event.getResponse().getStatus() + ")",
            Holder.API_VALIDATOR.validateResponse(
                request.getPath(), request.getMethod(), response(event.getResponse())));
      }
    }
    return problems;
  }

  /**
   * Problems of a webhook payload against line-webhook.yml's {@code CallbackRequest}; empty when it
   * conforms.
   */
  public static List<String> webhookProblems(String body) {
    ValidationReport report =
        Holder.WEBHOOK_VALIDATOR.validateRequest(
            SimpleRequest.Builder.post("/callback")
                .withContentType("application/json")
                .withBody(body)
                .build());
    List<String> problems = new ArrayList<>();
    report(problems, "webhook payload", report);
    return problems;
  }

  /** Problems of one request alone, for tests of the judge itself. */
  static ValidationReport validateRequest(Request request) {
    return Holder.API_VALIDATOR.validateRequest(request);
  }

  /** Problems of one stubbed answer alone, for tests of the judge itself. */
  static ValidationReport validateResponse(
      String path, Request.Method method, SimpleResponse response) {
    return Holder.API_VALIDATOR.validateResponse(path, method, response);
  }

  private static void report(List<String> problems, String exchange, ValidationReport report) {
    if (report.hasErrors()) {
      problems.add(exchange + ":\n" + SimpleValidationReportFormat.getInstance().apply(report));
    }
  }

  static Request request(LoggedRequest logged) {
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
        builder.withQueryParam(
            decode(equals < 0 ? pair : pair.substring(0, equals)),
            equals < 0 ? "" : decode(pair.substring(equals + 1)));
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

  private static SimpleResponse response(LoggedResponse logged) {
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

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
