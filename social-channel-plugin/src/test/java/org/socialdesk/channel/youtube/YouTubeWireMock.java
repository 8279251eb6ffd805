package org.socialdesk.channel.youtube;

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
 * WireMock playing YouTube (and Google's token endpoint) for one test class. After each test every
 * exchange with the Data API is judged by {@link YouTubeSpec}, then the stubs and the log are
 * reset.
 */
public final class YouTubeWireMock
    implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

  public WireMockServer server() {
    return server;
  }

  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public URI tokenUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/token");
  }

  /** The exchanges so far, oldest first. */
  public List<ServeEvent> exchanges() {
    return new ArrayList<>(server.getAllServeEvents()).reversed();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      assertThat(YouTubeSpec.problems(exchanges()))
          .as(
              "exchanges with the emulated YouTube that the Data API's OpenAPI conversion does not allow")
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
