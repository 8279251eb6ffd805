package org.socialdesk.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.UntrustedText;

/**
 * Calls to the Messaging API with the channel access token ({@code Authorization: Bearer}). The
 * token never appears in a URL, a log line or an answer to an agent.
 */
final class LineApi {

  private final HttpClient http;
  private final LineConfig config;
  private final Secret token;
  private final Duration timeout;

  LineApi(HttpClient http, LineConfig config, Duration timeout) {
    this.http = http;
    this.config = config;
    this.token = config.channelAccessToken();
    this.timeout = timeout;
  }

  /** What LINE answered. */
  record Answer(int status, HttpHeaders headers, byte[] body) {

    boolean isSuccess() {
      return status >= 200 && status < 300;
    }

    JsonNode json() throws IOException {
      return LineJson.parse(body);
    }

    /**
     * LINE's error as one line: its {@code message} and the {@code details} messages, else the
     * status.
     */
    String problem() {
      StringBuilder problem = new StringBuilder().append(status);
      try {
        JsonNode error = json();
        String message = LineJson.text(error, "message");
        if (message != null) {
          problem.append(" ").append(message);
        }
        for (JsonNode detail : error.path("details")) {
          problem
              .append("; ")
              .append(LineJson.text(detail, "property"))
              .append(": ")
              .append(LineJson.text(detail, "message"));
        }
      } catch (IOException | RuntimeException e) {
        // not JSON: the status alone
      }
      return UntrustedText.forLog(problem.toString());
    }
  }

  Answer get(URI uri, Duration budget) throws IOException, InterruptedException {
    HttpRequest request = authorized(uri, budget).GET().build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  Answer post(URI uri, Object body, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        authorized(uri, timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(LineJson.write(body)));
    headers.forEach(request::header);
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.headers(), response.body());
  }

  /** A content download from api-data.line.me, streamed. */
  HttpResponse<InputStream> content(String messageId) throws IOException, InterruptedException {
    HttpRequest request =
        authorized(config.data("/v2/bot/message/" + messageId + "/content"), timeout).GET().build();
    return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  URI api(String path) {
    return config.api(path);
  }

  Duration timeout() {
    return timeout;
  }

  private HttpRequest.Builder authorized(URI uri, Duration budget) {
    return HttpRequest.newBuilder(uri)
        .timeout(budget)
        .header("Authorization", "Bearer " + token.reveal());
  }
}
