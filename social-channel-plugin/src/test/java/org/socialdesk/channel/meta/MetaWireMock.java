package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * WireMock playing the Graph API for one test class. After each test every request the channel sent
 * is judged by {@link MetaGraphSpec} (the test fails on one Meta's node descriptions do not allow),
 * then the stubs and the request log are reset.
 */
final class MetaWireMock implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
  private final MetaGraphSpec spec = MetaStubs.spec();

  WireMockServer server() {
    return server;
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  MetaGraphSpec spec() {
    return spec;
  }

  /** The requests so far, oldest first. */
  List<LoggedRequest> requests() {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : server.getAllServeEvents()) {
      requests.add(event.getRequest());
    }
    return requests.reversed();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server.start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      assertThat(spec.problems(requests()))
          .as("requests to the emulated Graph API that Meta's node descriptions do not allow")
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
