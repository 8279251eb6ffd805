package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.RecordingIngest;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;
import org.socialdesk.testkit.TestingJetty;
import org.socialdesk.testkit.TestingPluginContext;

class SandboxServletTest {

  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private static final String ALICE =
      "{\"id\": \"p-1\", \"author\": {\"handle\": \"alice\"}, \"text\": \"Where is my order?\"}";

  private final SettableClock clock = new SettableClock(NOW);
  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private SandboxChannel channel;
  private TestingJetty jetty;

  @BeforeEach
  void startSandbox() throws Exception {
    TestingPluginContext context =
        TestingPluginContext.builder()
            .dataSource(TestingDatabase.create(ChannelChangelog.RESOURCE))
            .clock(clock)
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .build();
    channel = SandboxChannel.start(context);
    jetty = new TestingJetty(context.mounts());
  }

  @AfterEach
  void stopJetty() throws Exception {
    jetty.close();
    http.close();
  }

  @Test
  void storesANewPostAndAnswers202() throws Exception {
    HttpResponse<String> response = send("POST", "/posts", BodyPublishers.ofString(ALICE));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(json(response)).isEqualTo(json("{\"status\": \"stored\"}"));
    assertThat(ingest.accepted())
        .singleElement()
        .isInstanceOfSatisfying(
            InboundEvent.NewPost.class,
            event -> {
              SocialPost post = event.post();
              assertThat(post.key()).isEqualTo(new PostKey("sandbox", "p-1"));
              assertThat(post.text()).isEqualTo("Where is my order?");
              assertThat(post.postedAt()).isEqualTo(NOW);
            });
  }

  @Test
  void answers200ForAPostAlreadyStored() throws Exception {
    ingest.answer(Ingest.Accepted.DUPLICATE);

    HttpResponse<String> response = send("POST", "/posts", BodyPublishers.ofString(ALICE));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response)).isEqualTo(json("{\"status\": \"duplicate\"}"));
  }

  @Test
  void answers503WithRetryAfterWhenTheHostCannotStoreAndKeepsTheCauseToTheLog() throws Exception {
    ingest.failWith("disk full on /var/lib/secret-volume");

    HttpResponse<String> response = send("POST", "/posts", BodyPublishers.ofString(ALICE));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(json(response).get("error").asText()).contains("nothing was acknowledged");
    assertThat(response.body()).doesNotContain("secret-volume");
  }

  @Test
  void answers400NamingTheFieldAtFault() throws Exception {
    HttpResponse<String> response =
        send(
            "POST",
            "/posts",
            BodyPublishers.ofString(
                "{\"id\": \"p-1\", \"author\": {\"handle\": \" \"}, \"text\": \"hi\"}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json(response))
        .isEqualTo(
            json("{\"error\": \"author.handle must not be blank\", \"field\": \"author.handle\"}"));
    assertThat(ingest.accepted()).isEmpty();
  }

  @Test
  void answers400WithoutFieldForMalformedJson() throws Exception {
    HttpResponse<String> response = send("POST", "/posts", BodyPublishers.ofString("{\"id\": "));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("malformed JSON at line 1");
    assertThat(json(response).has("field")).isFalse();
  }

  @Test
  void refusesABodyOverSixtyFourKilobytesWithOrWithoutContentLength() throws Exception {
    String big =
        "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}, \"text\": \""
            + "x".repeat(64 * 1024)
            + "\"}";

    HttpResponse<String> withLength = send("POST", "/posts", BodyPublishers.ofString(big));
    HttpResponse<String> chunked =
        send(
            "POST",
            "/posts",
            BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes())));

    assertThat(withLength.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(json(chunked).get("error").asText()).contains("64 KB");
    assertThat(ingest.accepted()).isEmpty();
  }

  @Test
  void acceptsABodyOfExactlySixtyFourKilobytes() throws Exception {
    String head = "{\"id\": \"p-1\", \"author\": {\"handle\": \"a\"}, \"text\": \"";
    String body = head + "x".repeat(64 * 1024 - head.length() - 2) + "\"}";

    assertThat(send("POST", "/posts", BodyPublishers.ofString(body)).statusCode()).isEqualTo(202);
  }

  @Test
  void handsEditsAndDeletionsToTheHost() throws Exception {
    HttpResponse<String> edited =
        send(
            "POST",
            "/posts/p-1/edit",
            BodyPublishers.ofString(
                "{\"text\": \"Found it, thanks\", \"editedAt\": \"2026-11-23T11:59:00Z\"}"));
    HttpResponse<String> deleted = send("DELETE", "/posts/p-1", BodyPublishers.noBody());

    assertThat(edited.statusCode()).isEqualTo(202);
    assertThat(deleted.statusCode()).isEqualTo(202);
    PostKey key = new PostKey("sandbox", "p-1");
    assertThat(ingest.accepted())
        .containsExactly(
            new InboundEvent.PostEdited(
                key, "Found it, thanks", Instant.parse("2026-11-23T11:59:00Z")),
            new InboundEvent.PostDeleted(key, NOW));
  }

  @Test
  void answers400ForAnEditWithAnUnknownField() throws Exception {
    HttpResponse<String> response =
        send("POST", "/posts/p-1/edit", BodyPublishers.ofString("{\"txt\": \"typo\"}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("txt");
  }

  @Test
  void answers404ForAnUnknownPathAnd405ForAWrongMethod() throws Exception {
    HttpResponse<String> unknown = send("GET", "/inbox", BodyPublishers.noBody());
    HttpResponse<String> wrongMethod = send("GET", "/posts", BodyPublishers.noBody());

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).contains("/inbox");
    assertThat(wrongMethod.statusCode()).isEqualTo(405);
    assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("POST");
  }

  @Test
  void setsAndShowsTheFaultSwitch() throws Exception {
    HttpResponse<String> set =
        send("POST", "/faults", BodyPublishers.ofString("{\"publish\": \"fail-next-3\"}"));
    channel
        .publisher()
        .orElseThrow()
        .publish(SandboxPublisherTest.reply("k1", Visibility.PUBLIC, "hi"));
    HttpResponse<String> shown = send("GET", "/faults", BodyPublishers.noBody());

    assertThat(set.statusCode()).isEqualTo(200);
    assertThat(json(set)).isEqualTo(json("{\"publish\": \"fail-next-3\"}"));
    assertThat(json(shown)).isEqualTo(json("{\"publish\": \"fail-next-2\"}"));
  }

  @Test
  void answers400ForAnUnknownFaultSetting() throws Exception {
    HttpResponse<String> response =
        send("POST", "/faults", BodyPublishers.ofString("{\"publish\": \"explode\"}"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("publish");
  }

  @Test
  void listsTheOutboxNewestFirst() throws Exception {
    var publisher = channel.publisher().orElseThrow();
    publisher.publish(SandboxPublisherTest.reply("k1", Visibility.PUBLIC, "We're looking into it"));
    clock.advance(Duration.ofMinutes(1));
    publisher.publish(
        SandboxPublisherTest.reply("k2", Visibility.PRIVATE, "Could you DM your order number?"));

    HttpResponse<String> response = send("GET", "/outbox", BodyPublishers.noBody());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response))
        .isEqualTo(
            json(
                """
        [{"remoteId": "sb-2", "inReplyTo": "p-1", "conversationId": "p-1", "recipient": "alice",
          "visibility": "private", "text": "Could you DM your order number?", "publishedAt": "2026-11-23T12:01:00Z"},
         {"remoteId": "sb-1", "inReplyTo": "p-1", "conversationId": "p-1", "recipient": "alice",
          "visibility": "public", "text": "We're looking into it", "publishedAt": "2026-11-23T12:00:00Z"}]
        """));
  }

  @Test
  void filtersTheOutboxBySinceAndLimit() throws Exception {
    var publisher = channel.publisher().orElseThrow();
    for (int i = 1; i <= 3; i++) {
      publisher.publish(SandboxPublisherTest.reply("k" + i, Visibility.PUBLIC, "reply " + i));
      clock.advance(Duration.ofMinutes(1));
    }

    JsonNode since =
        json(send("GET", "/outbox?since=2026-11-23T12:01:00Z", BodyPublishers.noBody()));
    JsonNode limited = json(send("GET", "/outbox?limit=1", BodyPublishers.noBody()));

    assertThat(since.findValuesAsText("text")).containsExactly("reply 3", "reply 2");
    assertThat(limited.findValuesAsText("text")).containsExactly("reply 3");
  }

  @Test
  void answers400ForABadSinceOrLimit() throws Exception {
    HttpResponse<String> since = send("GET", "/outbox?since=today", BodyPublishers.noBody());
    HttpResponse<String> limit = send("GET", "/outbox?limit=0", BodyPublishers.noBody());

    assertThat(since.statusCode()).isEqualTo(400);
    assertThat(json(since).get("field").asText()).isEqualTo("since");
    assertThat(limit.statusCode()).isEqualTo(400);
    assertThat(json(limit).get("field").asText()).isEqualTo("limit");
  }

  private HttpResponse<String> send(String method, String path, BodyPublisher body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(jetty.uri("/api/channels/sandbox" + path))
            .method(method, body)
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return json(response.body());
  }

  private static JsonNode json(String text) throws Exception {
    return SandboxJsonObject.MAPPER.readTree(text);
  }
}
