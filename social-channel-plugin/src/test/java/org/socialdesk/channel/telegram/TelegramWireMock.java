package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock playing the Telegram Bot API for one test class. After each test every exchange is
 * judged by {@link TelegramSpec} (the test fails on a request or a stubbed answer the Bot API's
 * OpenAPI does not allow), then the stubs and the request log are reset.
 */
final class TelegramWireMock implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  WireMockServer server() {
    return server;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The exchanges so far, oldest first. */
  List<ServeEvent> exchanges() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    return events.reversed();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      List<String> problems = TelegramSpec.problems(exchanges());
      assertThat(problems)
          .as(
              "exchanges with the emulated Telegram Bot API that its OpenAPI (Bot API 8.1) does not allow")
          .isEmpty();
    } finally {
      server.resetAll();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop();
  }
}
