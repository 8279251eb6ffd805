package org.socialdesk.channel.telegram;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.socialdesk.channel.spec.SpecExchanges;

/**
 * The Telegram Bot API's OpenAPI (src/test/resources/specs/telegram-bot-api-8.1.openapi.json) as a
 * judge of what the tests exchange with the emulated Bot API: every request must go to {@code
 * /bot<id>:<token>/<method>} and be one the spec allows (method, content type, body), and every
 * answer a stub gave must match the spec's response schema for its status. A stub whose answer
 * deliberately imitates something the spec does not describe carries the metadata {@value
 * #DEVIATION} with the reason; its request is still checked. A stub that cuts the connection gives
 * no answer to judge.
 */
public final class TelegramSpec {

  public static final String DEVIATION = "specDeviation";
  static final String RESOURCE = "/specs/telegram-bot-api-8.1.openapi.json";

  /** The server part of every path: {@code /bot<bot id>:<secret>}, then the method. */
  private static final Pattern PATH =
      Pattern.compile("/bot[0-9]{1,20}:[A-Za-z0-9_-]{1,200}(/[A-Za-z]+)");

  private TelegramSpec() {}

  /** Parsing 1.1 MB of OpenAPI takes a few seconds: once per test JVM. */
  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR = load();

    private static OpenApiInteractionValidator load() {
      JsonNode spec;
      try (InputStream in = TelegramSpec.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the test classpath");
        }
        spec = TelegramJson.MAPPER.readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // The token part of the server URL is checked by PATH; the validator sees the method's path.
      ((ObjectNode) spec).putArray("servers").addObject().put("url", "/");
      try {
        return OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
      } catch (OpenApiInteractionValidator.ApiLoadException e) {
        throw new IllegalStateException("cannot load " + RESOURCE + ": " + e.getParseMessages(), e);
      }
    }
  }

  /** Problems of every exchange in {@code events}, one line each; empty when all conform. */
  public static List<String> problems(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent event : events) {
      LoggedRequest logged = event.getRequest();
      Matcher path = PATH.matcher(logged.getUrl());
      String exchange =
          logged.getMethod()
              + " "
              + (path.matches() ? "/bot<token>" + path.group(1) : logged.getUrl());
      if (!path.matches()) {
        problems.add(exchange + ": not a Bot API path (/bot<id>:<token>/<method>, no query)");
        continue;
      }
      if (!event.getWasMatched()) {
        problems.add(
            exchange
                + ": no stub answers it (the client called something the test did not expect)");
        continue;
      }
      Request request = request(logged, path.group(1));
      SpecExchanges.report(
          problems, exchange + " (request)", Holder.VALIDATOR.validateRequest(request));
      Map<String, Object> metadata =
          event.getStubMapping().getMetadata() == null
              ? Map.of()
              : event.getStubMapping().getMetadata();
      boolean answered = event.getResponseDefinition().getFault() == null;
      if (!metadata.containsKey(DEVIATION) && answered) {
        SpecExchanges.report(
            problems,
            exchange + " (stubbed answer " + event.getResponse().getStatus() + ")",
            Holder.VALIDATOR.validateResponse(
                request.getPath(),
                request.getMethod(),
                SpecExchanges.response(event.getResponse())));
      }
    }
    return problems;
  }

  /** Problems of one request alone (its path after the token), for tests of the judge itself. */
  static ValidationReport validateRequest(String method, String contentType, String body) {
    return Holder.VALIDATOR.validateRequest(
        SimpleRequest.Builder.post(method).withContentType(contentType).withBody(body).build());
  }

  /** Problems of one stubbed answer alone, for tests of the judge itself. */
  static ValidationReport validateResponse(String method, int status, String body) {
    return Holder.VALIDATOR.validateResponse(
        method,
        Request.Method.POST,
        SimpleResponse.Builder.status(status)
            .withContentType("application/json")
            .withBody(body)
            .build());
  }

  private static Request request(LoggedRequest logged, String method) {
    SimpleRequest.Builder builder = new SimpleRequest.Builder(logged.getMethod().getName(), method);
    for (HttpHeader header : logged.getHeaders().all()) {
      builder.withHeader(header.key(), header.values());
    }
    if (logged.getBody() != null && logged.getBody().length > 0) {
      builder.withBody(logged.getBody());
    }
    return builder.build();
  }
}
