package org.socialdesk.channel.line;

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
 * WireMock playing LINE (api.line.me and api-data.line.me on one port) for one test class. After
 * each test every exchange is judged by {@link LineSpec}; the test fails on a request or stubbed
 * answer LINE's OpenAPI does not allow. Then stubs and the request log are reset.
 */
public final class LineWireMock implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  public WireMockServer server() {
    return server;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The exchanges so far, oldest first. */
  public List<ServeEvent> exchanges() {
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
      assertThat(LineSpec.problems(exchanges()))
          .as("exchanges with the emulated LINE that LINE's OpenAPI does not allow")
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
