package org.socialdesk.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.socialdesk.api.Secret;

/**
 * Calls the Bot API: {@code POST <base-url>/bot<token>/<method>} with a JSON body. The token is
 * part of the path, so this class never puts a URL into a message or a log: requests are named by
 * their method only, and {@link #describe} takes the token out of any exception text.
 */
final class TelegramApi {

  private static final String USER_AGENT = "Socialdesk";

  private final HttpClient http;
  private final String baseUrl;
  private final Secret token;
  private final Duration timeout;

  TelegramApi(HttpClient http, URI baseUrl, Secret token, Duration timeout) {
    this.http = http;
    String base = baseUrl.toString();
    this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.token = token;
    this.timeout = timeout;
  }

  /**
   * What the Bot API answered: {@code {"ok":true,"result":...}} or {@code {"ok":false,
   * "error_code":...,"description":...,"parameters":{"retry_after":...}}}.
   *
   * @param status the HTTP status
   * @param body the parsed body, or null when it was not JSON
   */
  record Answer(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300 && body != null && TelegramJson.isTrue(body, "ok");
    }

    JsonNode result() {
      return body == null ? null : body.get("result");
    }

    /** Telegram's description of a failure, or the HTTP status when it gave none. */
    String description() {
      String description = body == null ? null : TelegramJson.text(body, "description");
      return status + (description == null ? "" : " " + description);
    }

    /** Seconds Telegram asks to wait ({@code parameters.retry_after}), or -1. */
    long retryAfterSeconds() {
      JsonNode value = body == null ? null : body.path("parameters").get("retry_after");
      return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : -1;
    }
  }

  /** Calls {@code method} with {@code parameters} as JSON, allowing the configured time. */
  Answer call(String method, Map<String, ?> parameters) throws IOException, InterruptedException {
    return call(method, parameters, Duration.ZERO);
  }

  /**
   * Calls {@code method}, allowing {@code extra} time on top of the configured request timeout (a
   * long poll holds the request open that long by design).
   */
  Answer call(String method, Map<String, ?> parameters, Duration extra)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + "/bot" + token.reveal() + "/" + method))
            .timeout(timeout.plus(extra))
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    // A method without parameters (getMe) gets no body: the Bot API describes none for it.
    HttpRequest request =
        parameters.isEmpty()
            ? builder.POST(HttpRequest.BodyPublishers.noBody()).build()
            : builder
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(TelegramJson.write(parameters)))
                .build();
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw redacted(e);
    }
    JsonNode body;
    try {
      body = response.body().length == 0 ? null : TelegramJson.parse(response.body());
    } catch (IOException e) {
      body = null;
    }
    return new Answer(response.statusCode(), body);
  }

  /** The exception's text with the token replaced, for logs and messages. */
  String describe(Throwable e) {
    return redact(String.valueOf(e));
  }

  private String redact(String text) {
    return text.replace(token.reveal(), "<bot-token>");
  }

  /**
   * The same kind of exception, whose message cannot carry the token (the JDK's rarely do; this
   * makes sure).
   */
  private IOException redacted(IOException e) {
    String message = e.getMessage();
    if (message == null || !message.contains(token.reveal())) {
      return e;
    }
    IOException copy = new IOException(redact(message));
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }
}
