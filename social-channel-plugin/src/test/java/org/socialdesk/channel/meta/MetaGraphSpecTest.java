package org.socialdesk.channel.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.PAGE;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_TOKEN;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;

/** The judge itself: it passes what Meta describes and fails each kind of wrong request. */
class MetaGraphSpecTest {

  private final WireMockServer server =
      new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
  private final HttpClient http = HttpClient.newHttpClient();
  private final MetaGraphSpec spec = MetaStubs.spec();
  private final String proof =
      MetaGraph.appsecretProof(Secret.of(MetaStubs.APP_SECRET), Secret.of(PAGE_TOKEN));

  @BeforeEach
  void start() {
    server.start();
    server.stubFor(any(anyUrl()).willReturn(MetaStubs.json("{}")));
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void acceptsAPrivateReplyAsMetaDescribesIt() throws Exception {
    sendJson(
        "POST",
        PAGE,
        "messages",
        "{\"recipient\":{\"comment_id\":\""
            + COMMENT
            + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Hi\"}}");

    assertThat(problems()).isEmpty();
  }

  @Test
  void acceptsACommentReplyAndAReadWithKnownFields() throws Exception {
    sendForm(COMMENT, "comments", "message=Hi");
    send(
        "GET",
        "/v21.0/"
            + PAGE_POST
            + "/comments?filter=stream&order=reverse_chronological&fields=id,message,from%7Bid,name%7D,created_time,parent&limit=50&appsecret_proof="
            + proof);

    assertThat(problems()).isEmpty();
  }

  @Test
  void failsOnAParameterTheEdgeDoesNotHave() throws Exception {
    sendForm(COMMENT, "comments", "mesage=Hi");

    assertThat(problems())
        .singleElement()
        .asString()
        .contains("Comment POST comments has no parameter 'mesage'");
  }

  @Test
  void failsOnAMissingRequiredParameter() throws Exception {
    sendJson("POST", PAGE, "messages", "{\"message\":{\"text\":\"Hi\"}}");

    assertThat(problems()).singleElement().asString().contains("requires 'recipient'");
  }

  @Test
  void failsOnAnEnumeratedValueMetaDoesNotList() throws Exception {
    sendJson(
        "POST",
        PAGE,
        "messages",
        "{\"recipient\":{\"id\":\"1\"},\"messaging_type\":\"HUMAN_AGENT\",\"message\":{\"text\":\"Hi\"}}");

    assertThat(problems()).singleElement().asString().contains("'messaging_type' is HUMAN_AGENT");
  }

  @Test
  void failsOnAFieldTheReturnedTypeDoesNotHave() throws Exception {
    send("GET", "/v21.0/" + PAGE_POST + "/comments?fields=id,mesage&appsecret_proof=" + proof);

    assertThat(problems()).singleElement().asString().contains("Comment has no field 'mesage'");
  }

  @Test
  void judgesAnEdgeExpandedInFieldsByTheTypeTheEdgeReturns() throws Exception {
    send(
        "GET",
        "/v21.0/"
            + IG_MEDIA
            + "/comments?fields=id,text,replies%7Bid,text,parent_id%7D&appsecret_proof="
            + proof);
    send(
        "GET",
        "/v21.0/" + IG_MEDIA + "/comments?fields=id,replies%7Bid,txt%7D&appsecret_proof=" + proof);

    assertThat(problems()).singleElement().asString().contains("IGComment has no field 'txt'");
  }

  @Test
  void failsOnAMethodOrEdgeTheNodeDoesNotOffer() throws Exception {
    sendJson("DELETE", PAGE, "messages", "");
    sendForm(COMMENT, "replies", "message=Hi");

    assertThat(problems())
        .hasSize(2)
        .anySatisfy(p -> assertThat(p).contains("Page has no DELETE edge messages"))
        .anySatisfy(p -> assertThat(p).contains("Comment has no POST edge replies"));
  }

  @Test
  void failsWithoutAValidAppsecretProofOrWithAnotherVersionOrAnUnknownNode() throws Exception {
    send("GET", "/v21.0/" + PAGE_POST + "/comments?appsecret_proof=0000");
    send("GET", "/v20.0/" + PAGE_POST + "/comments?appsecret_proof=" + proof);
    send("GET", "/v21.0/" + PAGE_POST + "/comments");
    send("GET", "/v21.0/999/comments?appsecret_proof=" + proof);

    assertThat(problems())
        .hasSize(4)
        .anySatisfy(p -> assertThat(p).contains("appsecret_proof is not the HMAC of the token"))
        .anySatisfy(p -> assertThat(p).contains("the version is v20.0"))
        .anySatisfy(p -> assertThat(p).contains("no appsecret_proof"))
        .anySatisfy(p -> assertThat(p).contains("the node id 999 is not one the test declared"));
  }

  private List<String> problems() {
    List<com.github.tomakehurst.wiremock.verification.LoggedRequest> requests =
        new java.util.ArrayList<>();
    server.getAllServeEvents().forEach(e -> requests.add(e.getRequest()));
    return spec.problems(requests);
  }

  private void sendForm(String node, String edge, String form) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v21.0/" + node + "/" + edge + "?appsecret_proof=" + proof))
            .header("Authorization", "Bearer " + PAGE_TOKEN)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private void sendJson(String method, String node, String edge, String json) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/v21.0/" + node + "/" + edge + "?appsecret_proof=" + proof))
            .header("Authorization", "Bearer " + PAGE_TOKEN)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json))
            .build();
    http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private void send(String method, String pathAndQuery) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("Authorization", "Bearer " + PAGE_TOKEN)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    http.send(request, HttpResponse.BodyHandlers.discarding());
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }
}
