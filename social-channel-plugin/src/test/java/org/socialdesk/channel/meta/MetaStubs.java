package org.socialdesk.channel.meta;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.socialdesk.api.Secret;

/** The test world: one Page with its Instagram account, their posts and comments, and the app. */
final class MetaStubs {

  static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
  static final String VERSION = "v21.0";
  static final String APP_SECRET = "app-secret-for-tests";
  static final String VERIFY_TOKEN = "verify-token-for-tests";
  static final String PAGE = "104000000000001";
  static final String PAGE_TOKEN = "EAAB-page-token";
  static final String IG = "17841400000000001";
  static final String IG_TOKEN = "IGQ-ig-token";
  static final String PAGE_POST = PAGE + "_200000000000001";
  static final String COMMENT = "200000000000001_300000000000001";
  static final String REPLY = "200000000000001_300000000000002";
  static final String VISITOR_POST = PAGE + "_200000000000009";
  static final String CUSTOMER = "5550000000000001";
  static final String PSID = "6660000000000001";
  static final String IG_MEDIA = "18000000000000001";
  static final String IG_COMMENT = "17900000000000001";
  static final String IGSID = "7770000000000001";
  static final String THREAD = "t_10000000000000001";

  private MetaStubs() {}

  /** The judge, with every node id of this world declared. */
  static MetaGraphSpec spec() {
    return new MetaGraphSpec(VERSION, Secret.of(APP_SECRET))
        .node(PAGE, "Page")
        .node(PAGE_POST, "PagePost")
        .node(VISITOR_POST, "PagePost")
        .node(COMMENT, "Comment")
        .node(REPLY, "Comment")
        .node(IG, "IGUser")
        .node(IG_MEDIA, "IGMedia")
        .node(IG_COMMENT, "IGComment")
        .node(THREAD, "UnifiedThread");
  }

  static MetaConfig config(URI baseUrl) {
    return config(baseUrl, false);
  }

  static MetaConfig config(URI baseUrl, boolean humanAgentTag) {
    return new MetaConfig(
        true,
        baseUrl,
        VERSION,
        Secret.of(APP_SECRET),
        Secret.of(VERIFY_TOKEN),
        PAGE,
        Secret.of(PAGE_TOKEN),
        IG,
        Secret.of(IG_TOKEN),
        true,
        humanAgentTag,
        Duration.ZERO,
        Duration.ofHours(1),
        false,
        90,
        Duration.ofMinutes(5));
  }

  /** A Graph error body as Meta sends it. */
  static ResponseDefinitionBuilder graphError(int status, int code, String message) {
    return WireMock.aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"message\":\""
                + message
                + "\",\"type\":\"OAuthException\",\"code\":"
                + code
                + ",\"error_subcode\":0,\"fbtrace_id\":\"AbCdEf\"}}");
  }

  static ResponseDefinitionBuilder json(String body) {
    return WireMock.aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody(body);
  }

  static String path(String node, String edge) {
    return "/" + VERSION + "/" + node + (edge == null ? "" : "/" + edge);
  }
}
