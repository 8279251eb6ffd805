package org.socialdesk.channel.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.json.ChannelJson;

/** The judge itself: it must refuse what YouTube would refuse, or the other tests prove nothing. */
class YouTubeSpecTest {

  private static SimpleRequest.Builder threads() {
    return SimpleRequest.Builder.get("/youtube/v3/commentThreads")
        .withHeader("Authorization", "Bearer t")
        .withQueryParam("part", "snippet,replies")
        .withQueryParam("allThreadsRelatedToChannelId", YouTubeStubs.BRAND)
        .withQueryParam("order", "time")
        .withQueryParam("textFormat", "plainText")
        .withQueryParam("maxResults", "100");
  }

  @Test
  void acceptsTheThreadListTheChannelSends() {
    assertThat(YouTubeSpec.validateRequest(threads().build()).getMessages()).isEmpty();
  }

  @Test
  void refusesAnUnknownParameterAWrongEnumValueAndAPageTooLarge() {
    assertThat(
            YouTubeSpec.validateRequest(threads().withQueryParam("since", "x").build()).hasErrors())
        .isTrue();
    assertThat(
            YouTubeSpec.validateRequest(threads().withQueryParam("order", "newest").build())
                .hasErrors())
        .isTrue();
    assertThat(
            YouTubeSpec.validateRequest(threads().withQueryParam("maxResults", "500").build())
                .hasErrors())
        .isTrue();
  }

  @Test
  void refusesARequestWithoutBearerTokenOrWithoutExactlyOneFilter() {
    SimpleRequest noToken =
        SimpleRequest.Builder.get("/youtube/v3/commentThreads")
            .withQueryParam("part", "snippet")
            .withQueryParam("allThreadsRelatedToChannelId", YouTubeStubs.BRAND)
            .build();
    SimpleRequest twoFilters = threads().withQueryParam("videoId", YouTubeStubs.VIDEO).build();
    SimpleRequest noFilter =
        SimpleRequest.Builder.get("/youtube/v3/comments")
            .withHeader("Authorization", "Bearer t")
            .withQueryParam("part", "snippet")
            .build();

    assertThat(YouTubeSpec.validateRequest(noToken).hasErrors()).isTrue();
    assertThat(YouTubeSpec.validateRequest(twoFilters).hasErrors()).isTrue();
    assertThat(YouTubeSpec.validateRequest(noFilter).hasErrors()).isTrue();
  }

  @Test
  void refusesAReplyWithoutParentIdOrAWrongModerationStatus() {
    SimpleRequest noParent =
        SimpleRequest.Builder.post("/youtube/v3/comments")
            .withHeader("Authorization", "Bearer t")
            .withHeader("Content-Type", "application/json")
            .withQueryParam("part", "snippet")
            .withBody("{\"snippet\":{\"textOriginal\":\"hi\"}}", StandardCharsets.UTF_8)
            .build();
    SimpleRequest badStatus =
        SimpleRequest.Builder.post("/youtube/v3/comments/setModerationStatus")
            .withHeader("Authorization", "Bearer t")
            .withQueryParam("id", "c1")
            .withQueryParam("moderationStatus", "spam")
            .build();

    assertThat(YouTubeSpec.validateRequest(noParent).hasErrors()).isTrue();
    assertThat(YouTubeSpec.validateRequest(badStatus).hasErrors()).isTrue();
  }

  @Test
  void refusesAStubbedAnswerWithAFieldTheSpecDoesNotName() {
    Map<String, Object> top =
        YouTubeStubs.comment(
            "c1", YouTubeStubs.CUSTOMER, "hi", Instant.parse("2026-12-03T09:00:00Z"), null);
    String good =
        new String(
            ChannelJson.write(
                YouTubeStubs.threadPage(List.of(YouTubeStubs.thread(top, 0, List.of())), null)),
            StandardCharsets.UTF_8);
    String typo = good.replace("\"totalReplyCount\"", "\"replyCount\"");

    assertThat(
            YouTubeSpec.validateResponse(
                    "/youtube/v3/commentThreads",
                    Request.Method.GET,
                    SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody(good)
                        .build())
                .getMessages())
        .isEmpty();
    assertThat(
            YouTubeSpec.validateResponse(
                    "/youtube/v3/commentThreads",
                    Request.Method.GET,
                    SimpleResponse.Builder.ok()
                        .withContentType("application/json")
                        .withBody(typo)
                        .build())
                .hasErrors())
        .isTrue();
  }

  @Test
  void judgesWhatWasReallyExchangedAnswersIncludedUnlessAStubDeclaresGooglesErrorBody()
      throws Exception {
    com.github.tomakehurst.wiremock.WireMockServer server =
        new com.github.tomakehurst.wiremock.WireMockServer(
            com.github.tomakehurst.wiremock.core.WireMockConfiguration.options()
                .dynamicPort()
                .bindAddress("127.0.0.1"));
    server.start();
    try {
      server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get(
                  com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                      "/youtube/v3/commentThreads"))
              .willReturn(
                  YouTubeStubs.json(
                      Map.of(
                          "kind",
                          "youtube#commentThreadListResponse",
                          "items",
                          List.of(),
                          "nextCursor",
                          "x"))));
      server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.get(
                  com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(
                      "/youtube/v3/comments"))
              .withMetadata(YouTubeStubs.googleErrorBody())
              .willReturn(YouTubeStubs.error(403, "quotaExceeded", "over")));
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      for (String path :
          List.of(
              "/youtube/v3/commentThreads?part=snippet&allThreadsRelatedToChannelId="
                  + YouTubeStubs.BRAND,
              "/youtube/v3/comments?part=snippet&parentId=c1",
              "/youtube/v3/comments?part=snippet&parentId=c1&sort=new",
              "/youtube/v3/videos?part=id")) {
        http.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                .header("Authorization", "Bearer t")
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
      }

      List<String> problems =
          YouTubeSpec.problems(new java.util.ArrayList<>(server.getAllServeEvents()).reversed());

      assertThat(problems).hasSize(3);
      assertThat(problems.get(0)).contains("commentThreads", "stubbed answer 200", "nextCursor");
      assertThat(problems.get(1)).contains("sort=new", "(request)");
      assertThat(problems.get(2)).contains("/youtube/v3/videos", "no stub answers it");
    } finally {
      server.stop();
    }
  }
}
