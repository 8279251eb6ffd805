package org.socialdesk.channel.youtube;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.ApiOperation;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.socialdesk.channel.json.ChannelJson;
import org.socialdesk.channel.spec.SpecExchanges;

/**
 * The OpenAPI (Swagger 2.0) conversion of Google's discovery document for the YouTube Data API v3
 * (src/test/resources/specs/youtube/youtube-v3.swagger2.json) as the judge of what the tests
 * exchange with the emulated YouTube: every request the client sent must be one the spec allows
 * (path, method, query parameters and their values, body), carry {@code Authorization: Bearer}, and
 * meet what the discovery document says in prose (one filter per list, a reply's {@code parentId}
 * and {@code textOriginal}); every answer a stub gave must match the response schema. Google's
 * error bodies are not in the conversion: a stub answering one carries the metadata {@value
 * #DEVIATION} with the reason, and only its request is checked.
 */
public final class YouTubeSpec {

  public static final String DEVIATION = "specDeviation";
  static final String RESOURCE = "/specs/youtube/youtube-v3.swagger2.json";

  /** The discovery document: "you must specify exactly one of the following parameters". */
  private static final Map<String, Set<String>> ONE_FILTER =
      Map.of(
          "youtube.commentThreads.list",
              Set.of("allThreadsRelatedToChannelId", "channelId", "id", "videoId", "postId"),
          "youtube.comments.list", Set.of("id", "parentId"));

  private YouTubeSpec() {}

  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR = load();

    private static OpenApiInteractionValidator load() {
      JsonNode spec;
      try (InputStream in = YouTubeSpec.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
        }
        spec = ChannelJson.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      spec.path("definitions").forEach(SpecExchanges::closeSchema);
      try {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel(
                        "validation.request.parameter.query.unexpected",
                        ValidationReport.Level.ERROR)
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    .build())
            .withCustomRequestValidation(YouTubeSpec::requireBearer)
            .withCustomRequestValidation(YouTubeSpec::requireOneFilter)
            .withCustomRequestValidation(YouTubeSpec::requireReplyFields)
            .build();
      } catch (OpenApiInteractionValidator.ApiLoadException e) {
        throw new IllegalStateException("cannot load " + RESOURCE + ": " + e.getParseMessages(), e);
      }
    }
  }

  /**
   * The spec's OAuth 2.0 flows cannot be checked; a secured operation must at least carry a Bearer
   * token.
   */
  private static ValidationReport requireBearer(Request request, ApiOperation operation) {
    boolean secured =
        operation.getOperation().getSecurity() != null
            && !operation.getOperation().getSecurity().isEmpty();
    String authorization = request.getHeaderValue("Authorization").orElse("");
    if (!secured || authorization.matches("Bearer \\S+")) {
      return ValidationReport.empty();
    }
    return problem(
        "socialdesk.request.authorization",
        operation.getApiPath().normalised() + " needs Authorization: Bearer <token>");
  }

  private static ValidationReport requireOneFilter(Request request, ApiOperation operation) {
    Set<String> filters = ONE_FILTER.get(operation.getOperation().getOperationId());
    if (filters == null) {
      return ValidationReport.empty();
    }
    long given =
        filters.stream().filter(name -> !request.getQueryParameterValues(name).isEmpty()).count();
    return given == 1
        ? ValidationReport.empty()
        : problem(
            "socialdesk.request.filter",
            operation.getOperation().getOperationId()
                + " needs exactly one of "
                + filters
                + ", got "
                + given);
  }

  /** comments.insert: "you must specify a value for snippet.textOriginal and snippet.parentId". */
  private static ValidationReport requireReplyFields(Request request, ApiOperation operation) {
    if (!"youtube.comments.insert".equals(operation.getOperation().getOperationId())) {
      return ValidationReport.empty();
    }
    try {
      JsonNode snippet =
          ChannelJson.MAPPER
              .readTree(
                  request
                      .getRequestBody()
                      .map(
                          body -> {
                            try {
                              return body.toString(StandardCharsets.UTF_8);
                            } catch (IOException e) {
                              throw new UncheckedIOException(e);
                            }
                          })
                      .orElse("{}"))
              .path("snippet");
      if (snippet.path("parentId").asText("").isBlank()
          || !snippet.path("textOriginal").isTextual()) {
        return problem(
            "socialdesk.request.comment",
            "comments.insert needs snippet.parentId and snippet.textOriginal");
      }
      return ValidationReport.empty();
    } catch (IOException e) {
      return problem("socialdesk.request.comment", "comments.insert body is not JSON");
    }
  }

  private static ValidationReport problem(String key, String message) {
    return ValidationReport.singleton(ValidationReport.Message.create(key, message).build());
  }

  /** Problems of every exchange in {@code events}, one line each; empty when all conform. */
  public static List<String> problems(List<ServeEvent> events) {
    // The OAuth token endpoint is not part of the Data API.
    return SpecExchanges.problems(
        events,
        Holder.VALIDATOR,
        DEVIATION,
        event -> !event.getRequest().getUrl().startsWith(YouTubeApi.ROOT + "/"));
  }

  static ValidationReport validateRequest(Request request) {
    return Holder.VALIDATOR.validateRequest(request);
  }

  static ValidationReport validateResponse(
      String path, Request.Method method, SimpleResponse response) {
    return Holder.VALIDATOR.validateResponse(path, method, response);
  }
}
