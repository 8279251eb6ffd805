package org.socialdesk.channel.x;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.socialdesk.channel.spec.SpecExchanges;

/**
 * X's official OpenAPI (src/test/resources/specs/x-api-v2-openapi.json, version 2.167) as a judge
 * of what the tests exchange with the emulated X: every request the client sent must be one the
 * spec allows (path, method, query parameters and their values, Authorization, body), and every
 * answer a stub gave must match the spec's response schema for its status. A stub whose body
 * deliberately imitates a real X answer that the spec does not describe carries the metadata
 * {@value #DEVIATION} with the reason; its request is still checked, its body is not; nor is the
 * answer of a stub that cuts the connection (a WireMock fault), since there is none. A stub
 * answering the older naming ({@code tweet.fields}, docs.x.com) carries {@value #OLDER_NAMING}:
 * neither side can be checked against 2.167.
 */
public final class XSpec {

  public static final String DEVIATION = "specDeviation";

  /** Metadata of a stub whose request deliberately uses the older naming (docs.x.com, 2.159). */
  static final String OLDER_NAMING = "olderSpecNaming";

  static final String RESOURCE = "/specs/x-api-v2-openapi.json";

  private XSpec() {}

  /** Parsing 830 KB of OpenAPI takes a few seconds: once per test JVM. */
  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR = load();

    private static OpenApiInteractionValidator load() {
      JsonNode spec;
      try (InputStream in = XSpec.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
        }
        spec = XJson.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spec.path("components").path("schemas").forEach(SpecExchanges::closeSchema);
      dedupeEnums(spec);
      try {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel(
                        "validation.request.parameter.query.unexpected",
                        ValidationReport.Level.ERROR)
                    .build())
            .withCustomRequestValidation(XSpec::requireBearer)
            .build();
      } catch (OpenApiInteractionValidator.ApiLoadException e) {
        throw new IllegalStateException("cannot load " + RESOURCE + ": " + e.getParseMessages(), e);
      }
    }
  }

  /**
   * Makes every object schema that lists its properties refuse others ({@code additionalProperties:
   * false}, unless the spec says otherwise), so that a stub naming a field X's spec does not have
   * (a typo, an older name such as {@code retweet_count}) fails. X itself may add fields at any
   * time; the client ignores unknown ones.
   */
  /**
   * Repairs a defect of 2.167: {@code GET /2/dm_events}'s {@code expansions} enumeration lists
   * {@code attachments.media_keys} twice, which JSON Schema forbids ("array must not contain
   * duplicate elements"), so no request to that endpoint could be checked.
   */
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
      object.forEach(XSpec::dedupeEnums);
    } else if (node.isArray()) {
      node.forEach(XSpec::dedupeEnums);
    }
  }

  /**
   * Every operation the channel calls needs a token; the validator cannot check OAuth 2.0 flows, so
   * an operation with any security requirement must at least carry {@code Authorization: Bearer
   * <token>}.
   */
  private static ValidationReport requireBearer(Request request, ApiOperation operation) {
    boolean secured =
        operation.getOperation().getSecurity() != null
            && !operation.getOperation().getSecurity().isEmpty();
    String authorization = request.getHeaderValue("Authorization").orElse("");
    if (!secured || authorization.matches("Bearer \\S+")) {
      return ValidationReport.empty();
    }
    return ValidationReport.singleton(
        ValidationReport.Message.create(
                "socialdesk.request.authorization",
                operation.getApiPath().normalised() + " needs Authorization: Bearer <token>")
            .build());
  }

  /** Problems of every exchange in {@code events}, one line each; empty when all conform. */
  public static List<String> problems(List<ServeEvent> events) {
    return SpecExchanges.problems(
        events,
        Holder.VALIDATOR,
        DEVIATION,
        event -> SpecExchanges.hasMetadata(event, OLDER_NAMING));
  }

  /** Problems of one request alone, for tests of the judge itself. */
  static ValidationReport validateRequest(Request request) {
    return Holder.VALIDATOR.validateRequest(request);
  }

  /** Problems of one stubbed answer alone, for tests of the judge itself. */
  static ValidationReport validateResponse(
      String path, Request.Method method, SimpleResponse response) {
    return Holder.VALIDATOR.validateResponse(path, method, response);
  }
}
