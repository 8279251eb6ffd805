package org.socialdesk.channel.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.Map;

/** Answers of the emulated Bot API, shaped as the Bot API documents them. */
final class TelegramStubs {

  private TelegramStubs() {}

  static MappingBuilder method(String method) {
    return post(urlEqualTo("/bot" + TelegramFixtures.TOKEN + "/" + method));
  }

  static ResponseDefinitionBuilder ok(Object result) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(TelegramFixtures.text(Map.of("ok", true, "result", result)));
  }

  static ResponseDefinitionBuilder updates(Object... updates) {
    return ok(List.of(updates));
  }

  static ResponseDefinitionBuilder error(int code, String description) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(
            TelegramFixtures.text(
                Map.of("ok", false, "error_code", code, "description", description)));
  }

  static ResponseDefinitionBuilder floodWait(int seconds) {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withBody(
            TelegramFixtures.text(
                Map.of(
                    "ok",
                    false,
                    "error_code",
                    429,
                    "description",
                    "Too Many Requests: retry after " + seconds,
                    "parameters",
                    Map.of("retry_after", seconds))));
  }

  static ResponseDefinitionBuilder me() {
    return ok(
        TelegramFixtures.user(TelegramFixtures.BOT_ID, "ShopKite", TelegramFixtures.BOT_USERNAME));
  }
}
