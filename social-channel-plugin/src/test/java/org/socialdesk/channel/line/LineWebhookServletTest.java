package org.socialdesk.channel.line;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.line.LinePayloads.GROUP;
import static org.socialdesk.channel.line.LinePayloads.OTHER_USER;
import static org.socialdesk.channel.line.LinePayloads.USER;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.socialdesk.api.RunMode;
import org.socialdesk.api.Secret;
import org.socialdesk.api.WebRegistry;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
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

class LineWebhookServletTest {

  @RegisterExtension static final LineWireMock line = new LineWireMock();

  static final Instant NOW = Instant.ofEpochMilli(LinePayloads.TIME).plusSeconds(2);
  static final String[] TABLES = {
    "line_webhook_event", "line_message", "line_profile", "line_friend", "line_publish_attempt"
  };

  private final RecordingIngest ingest = new RecordingIngest();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SettableClock clock = new SettableClock(NOW);
  private TestingPluginContext context;
  private TestingJetty jetty;

  static LineConfig config(URI lineUrl) {
    return new LineConfig(
        true,
        Secret.of(LinePayloads.SECRET),
        Secret.of(LinePayloads.TOKEN),
        lineUrl,
        lineUrl,
        URI.create("https://desk.example.com"),
        null,
        null,
        null,
        null);
  }

  @BeforeEach
  void startWebhook() throws Exception {
    context =
        TestingPluginContext.builder()
            .clock(clock)
            .ingest(ingest)
            .runMode(RunMode.SERVER)
            .dataSource(TestingDatabase.shared(ChannelChangelog.RESOURCE, TABLES))
            .scheduler(Executors.newSingleThreadScheduledExecutor())
            .httpClients(Duration.ofSeconds(5))
            .build();
    LineChannel.start(config(line.baseUrl()), context);
    jetty = new TestingJetty(context.mounts());
    line.server()
        .stubFor(
            get(urlPathMatching("/v2/bot/profile/U[0-9a-f]{32}"))
                .willReturn(
                    okJson(
                        "{\"displayName\":\"สมชาย ใจดี\",\"userId\":\""
                            + USER
                            + "\",\"language\":\"th\"}")));
    line.server()
        .stubFor(
            get(urlPathMatching("/v2/bot/group/C[0-9a-f]{32}/member/U[0-9a-f]{32}"))
                .willReturn(
                    okJson("{\"displayName\":\"مریم\",\"userId\":\"" + OTHER_USER + "\"}")));
  }

  @AfterEach
  void stopWebhook() throws Exception {
    jetty.close();
    context.scheduler().shutdownNow();
    context.close();
  }

  @Test
  void isMountedPublicSinceLineSignsItsCallsAndEachContentLinkIsSigned() {
    assertThat(context.mounts().get(LineWebhookServlet.PATH).access())
        .isEqualTo(WebRegistry.Access.PUBLIC);
    assertThat(context.mounts().get(LineContentServlet.PATH).access())
        .isEqualTo(WebRegistry.Access.PUBLIC);
  }

  @Test
  void answersTheConsolesVerifyWithItsEmptyEvents() throws Exception {
    HttpResponse<String> response = deliver(LinePayloads.delivery());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("events").asInt()).isZero();
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void storesASignedOneToOneMessageAsAPrivatePostOfTheUsersConversationThenAcknowledges()
      throws Exception {
    HttpResponse<String> response =
        deliver(
            LinePayloads.delivery(
                LinePayloads.text("01HEV1", "510001", "สินค้ายังไม่มาถึงเลยครับ 📦")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("stored").asInt()).isEqualTo(1);
    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post)
        .isEqualTo(
            new SocialPost(
                new PostKey("line", "510001"),
                USER,
                null,
                new Author("line", USER, USER, "สมชาย ใจดี", 0, false, 0, null),
                "สินค้ายังไม่มาถึงเลยครับ 📦",
                Instant.ofEpochMilli(LinePayloads.TIME),
                Visibility.PRIVATE,
                null,
                Engagement.NONE,
                Map.of(
                    "lineSource",
                    "user",
                    "lineMessageType",
                    "text",
                    LineLanguageEnricher.ATTRIBUTE,
                    "th")));
  }

  @Test
  void asksLineForAProfileOncePerDayAndStoresTheMessageUnderTheUserIdWhenLineCannotTell()
      throws Exception {
    deliver(LinePayloads.delivery(LinePayloads.text("01HP1", "511001", "one")));
    deliver(LinePayloads.delivery(LinePayloads.text("01HP2", "511002", "two")));
    line.server().verify(1, getRequestedFor(urlPathEqualTo("/v2/bot/profile/" + USER)));

    String stranger = "U" + "c".repeat(32);
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/profile/" + stranger))
                .willReturn(
                    aResponse()
                        .withStatus(404)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Not found\"}"))
                .withMetadata(
                    com.github.tomakehurst.wiremock.common.Metadata.metadata()
                        .attr(LineSpec.DEVIATION, "the spec lists only 200 for the profile")));
    deliver(
        LinePayloads.delivery(
            LinePayloads.message(
                "01HP3",
                LinePayloads.userSource(stranger),
                "{\"type\":\"text\",\"id\":\"511003\",\"quoteToken\":\"q\",\"text\":\"three\"}",
                false)));

    SocialPost post = ((InboundEvent.NewPost) ingest.stored().get(2)).post();
    assertThat(post.author().displayName()).isEqualTo(stranger);
    assertThat(post.author().followers()).isZero();
    assertThat(post.attributes()).doesNotContainKey(LineLanguageEnricher.ATTRIBUTE);
  }

  @Test
  void refusesAForgedSignatureBeforeReadingOrStoringAnything() throws Exception {
    String body = LinePayloads.delivery(LinePayloads.text("01HEV2", "510002", "hello"));

    HttpResponse<String> response =
        deliver(body, LinePayloads.signature(body.replace("hello", "hullo")));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText()).contains("does not match");
    assertThat(ingest.calls()).isEmpty();
    assertThat(ingest.quarantined()).isEmpty();
    line.server().verify(0, getRequestedFor(urlPathMatching("/v2/bot/profile/.*")));
  }

  @Test
  void refusesABodyModifiedAfterSigning() throws Exception {
    String body = LinePayloads.delivery(LinePayloads.text("01HEV3", "510003", "refund 100"));

    HttpResponse<String> response =
        deliver(body.replace("refund 100", "refund 900"), LinePayloads.signature(body));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void refusesADeliveryWithoutSignature() throws Exception {
    HttpResponse<String> response =
        deliver(LinePayloads.delivery(LinePayloads.text("01HEV4", "510004", "hi")), null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("error").asText())
        .contains("x-line-signature header is missing");
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void handsARedeliveredEventToTheHostOnceByItsWebhookEventId() throws Exception {
    String first = LinePayloads.delivery(LinePayloads.text("01HEV5", "510005", "hello?"));
    String again =
        LinePayloads.delivery(
            LinePayloads.message(
                "01HEV5",
                LinePayloads.userSource(USER),
                "{\"type\":\"text\",\"id\":\"510005\",\"quoteToken\":\"q-510005\",\"text\":\"hello?\"}",
                true));

    deliver(first);
    HttpResponse<String> response = deliver(again);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("duplicate").asInt()).isEqualTo(1);
    assertThat(ingest.calls()).hasSize(1);
    line.server().verify(1, getRequestedFor(urlPathEqualTo("/v2/bot/profile/" + USER)));
  }

  @Test
  void answers503AndMarksNothingHandledWhenTheHostCannotStoreSoTheRedeliveryIsStored()
      throws Exception {
    String body = LinePayloads.delivery(LinePayloads.text("01HEV6", "510006", "anyone?"));
    ingest.failWith("database down (test)");

    HttpResponse<String> refused = deliver(body);
    ingest.recover();
    HttpResponse<String> redelivered = deliver(body);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(redelivered.statusCode()).isEqualTo(200);
    assertThat(ingest.storedPostIds()).containsExactly("510006");
  }

  @Test
  void keepsASignedBodyThatIsNotAnEventListInQuarantineAndAcknowledgesIt() throws Exception {
    for (String body : List.of("not json", "[1,2]", "{\"destination\":\"x\",\"events\":{}}")) {
      HttpResponse<String> response = deliver(body, LinePayloads.signature(body));

      assertThat(response.statusCode()).as(body).isEqualTo(200);
    }
    assertThat(ingest.quarantined()).hasSize(3);
    assertThat(ingest.stored()).isEmpty();
  }

  @Test
  void answersNoServerErrorToAnySignedEventShape() throws Exception {
    List<String> events =
        List.of(
            "1",
            "\"x\"",
            "{}",
            "{\"type\":\"message\"}",
            "{\"type\":\"message\",\"webhookEventId\":\"01HX\",\"timestamp\":\"soon\",\"message\":{\"type\":\"text\",\"id\":5}}",
            "{\"type\":\"message\",\"webhookEventId\":\"01HY\",\"timestamp\":1,\"source\":{\"type\":\"user\",\"userId\":\"../x\"},\"message\":{\"type\":\"text\",\"id\":\"5\",\"text\":\"a\"}}",
            "{\"type\":\"message\",\"webhookEventId\":\"01HZ\",\"timestamp\":1,\"source\":{\"type\":\"user\",\"userId\":\""
                + USER
                + "\"},\"message\":[]}",
            "{\"type\":\"unsend\",\"webhookEventId\":\"01HW\",\"timestamp\":1,\"unsend\":null}",
            "{\"type\":\"follow\",\"webhookEventId\":\"01HV\",\"timestamp\":1,\"source\":{}}");
    for (String event : events) {
      String body = "{\"destination\":\"" + LinePayloads.BOT + "\",\"events\":[" + event + "]}";
      HttpResponse<String> response =
          deliver(body, LinePayloads.signature(body)); // deliberately off the spec

      assertThat(response.statusCode()).as(event).isEqualTo(200);
    }
    assertThat(ingest.stored()).isEmpty();
    assertThat(ingest.quarantined()).hasSize(events.size());
  }

  @Test
  void refusesADeliveryLargerThanOneMegabyte() throws Exception {
    String body =
        LinePayloads.delivery(LinePayloads.text("01HEV7", "510007", "x".repeat(1024 * 1024)));

    assertThat(deliver(body).statusCode()).isEqualTo(413);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void ignoresGroupChatterThatDoesNotAddressTheAccount() throws Exception {
    String event =
        LinePayloads.message(
            "01HG1",
            LinePayloads.groupSource(GROUP, OTHER_USER),
            "{\"type\":\"text\",\"id\":\"520001\",\"quoteToken\":\"q\",\"text\":\"see you at lunch\"}",
            false);

    HttpResponse<String> response = deliver(LinePayloads.delivery(event));

    assertThat(json(response).path("ignored").asInt()).isEqualTo(1);
    assertThat(ingest.calls()).isEmpty();
  }

  @Test
  void takesAGroupMessageThatMentionsTheAccountAsAPublicPostOfTheGroupsConversation()
      throws Exception {
    String text = "@ShopKite ของยังไม่ได้รับค่ะ";
    String event =
        LinePayloads.message(
            "01HG2",
            LinePayloads.groupSource(GROUP, OTHER_USER),
            "{\"type\":\"text\",\"id\":\"520002\",\"quoteToken\":\"q\",\"text\":"
                + LinePayloads.json(text)
                + ",\"mention\":{\"mentionees\":[{\"index\":0,\"length\":9,\"type\":\"user\",\"userId\":\""
                + LinePayloads.BOT
                + "\",\"isSelf\":true}]}}",
            false);

    deliver(LinePayloads.delivery(event));

    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post.conversationId()).isEqualTo(GROUP);
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(post.author().displayName()).isEqualTo("مریم");
    assertThat(post.text()).isEqualTo(text);
    assertThat(post.attributes())
        .containsEntry("lineSelfMentions", "0:9")
        .containsEntry("lineSource", "group");
  }

  @Test
  void keepsThaiPersianEmojiAndMixedTextExactlyWithMentionIndexesPointingAtTheMention()
      throws Exception {
    List<String> texts =
        List.of(
            "สวัสดี 👋🏻 @ShopKite ช่วยด้วยค่ะ",
            "سلام @ShopKite سفارشم کجاست؟",
            "🍎🍎 price? ราคา @ShopKite قیمت 𠀋",
            "@ShopKite\u200Dโปรดตอบ");
    int n = 0;
    for (String text : texts) {
      int index = text.indexOf("@ShopKite");
      String event =
          LinePayloads.message(
              "01HM" + n,
              LinePayloads.groupSource(GROUP, OTHER_USER),
              "{\"type\":\"text\",\"id\":\"52100"
                  + n
                  + "\",\"quoteToken\":\"q\",\"text\":"
                  + LinePayloads.json(text)
                  + ",\"mention\":{\"mentionees\":[{\"index\":"
                  + index
                  + ",\"length\":9,\"type\":\"user\",\"isSelf\":true}]}}",
              false);
      deliver(LinePayloads.delivery(event));

      SocialPost post = ((InboundEvent.NewPost) ingest.stored().get(n)).post();
      assertThat(post.text()).isEqualTo(text);
      String[] mention = post.attributes().get("lineSelfMentions").split(":");
      int at = Integer.parseInt(mention[0]);
      assertThat(post.text().substring(at, at + Integer.parseInt(mention[1])))
          .as(text)
          .isEqualTo("@ShopKite");
      n++;
    }
  }

  @Test
  void takesAGroupMessageThatQuotesTheBrandsMessage() throws Exception {
    new LineMessages(context.dataSource(), new LineSeal(Secret.of(LinePayloads.SECRET)))
        .recordBrand("530000", GROUP, null, NOW);
    String event =
        LinePayloads.message(
            "01HG3",
            LinePayloads.groupSource(GROUP, OTHER_USER),
            "{\"type\":\"text\",\"id\":\"520003\",\"quoteToken\":\"q\",\"quotedMessageId\":\"530000\",\"text\":\"it still has not arrived\"}",
            false);

    deliver(LinePayloads.delivery(event));

    SocialPost post = ((InboundEvent.NewPost) ingest.stored().getFirst()).post();
    assertThat(post.inReplyToId()).isEqualTo("530000");
    assertThat(post.conversationId()).isEqualTo(GROUP);
  }

  @Test
  void marksAnUnsentMessageDeletedOnlyWhenItWasTakenIn() throws Exception {
    deliver(LinePayloads.delivery(LinePayloads.text("01HU1", "540001", "oops, wrong chat")));
    String unsend =
        LinePayloads.event(
            "unsend",
            "01HU2",
            LinePayloads.userSource(USER),
            "\"unsend\":{\"messageId\":\"540001\"}");
    String unknown =
        LinePayloads.event(
            "unsend",
            "01HU3",
            LinePayloads.userSource(USER),
            "\"unsend\":{\"messageId\":\"549999\"}");

    deliver(LinePayloads.delivery(unsend, unknown));

    assertThat(ingest.stored()).hasSize(2);
    assertThat(ingest.stored().get(1))
        .isEqualTo(
            new InboundEvent.PostDeleted(
                new PostKey("line", "540001"), Instant.ofEpochMilli(LinePayloads.TIME)));
  }

  @Test
  void notesFollowsAndBlocksWithoutATicket() throws Exception {
    String follow =
        LinePayloads.event(
            "follow",
            "01HF1",
            LinePayloads.userSource(USER),
            "\"replyToken\":\"rt\",\"follow\":{\"isUnblocked\":false}");
    String unfollow =
        LinePayloads.event("unfollow", "01HF2", LinePayloads.userSource(OTHER_USER), "");

    HttpResponse<String> response = deliver(LinePayloads.delivery(follow, unfollow));

    assertThat(json(response).path("ignored").asInt()).isEqualTo(2);
    assertThat(ingest.calls()).isEmpty();
    LineSeenEvents friends = new LineSeenEvents(context.dataSource());
    assertThat(friends.blockedSince(OTHER_USER)).hasValue(Instant.ofEpochMilli(LinePayloads.TIME));
    assertThat(friends.blockedSince(USER)).isEmpty();
  }

  @Test
  void showsAStickerAsAPlaceholderWithItsKeywords() throws Exception {
    String event =
        LinePayloads.message(
            "01HS1",
            LinePayloads.userSource(USER),
            "{\"type\":\"sticker\",\"id\":\"550001\",\"quoteToken\":\"q\","
                + "\"packageId\":\"446\",\"stickerId\":\"1988\",\"stickerResourceType\":\"STATIC\",\"keywords\":[\"Sad\",\"Tears\"]}",
            false);

    deliver(LinePayloads.delivery(event));

    assertThat(((InboundEvent.NewPost) ingest.stored().getFirst()).post().text())
        .isEqualTo("[sticker: Sad, Tears] (package 446, sticker 1988)");
  }

  @Test
  void showsAnImageAsAPlaceholderWhoseSignedLinkServesTheContentWithoutTheToken() throws Exception {
    String event =
        LinePayloads.message(
            "01HI1",
            LinePayloads.userSource(USER),
            "{\"type\":\"image\",\"id\":\"560001\",\"quoteToken\":\"q\",\"contentProvider\":{\"type\":\"line\"}}",
            false);
    line.server()
        .stubFor(
            get(urlPathEqualTo("/v2/bot/message/560001/content"))
                .willReturn(
                    aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "image/jpeg")
                        .withBody(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2})));

    deliver(LinePayloads.delivery(event));
    String text = ((InboundEvent.NewPost) ingest.stored().getFirst()).post().text();
    String link =
        text.substring(
            text.indexOf("https://desk.example.com") + "https://desk.example.com".length());
    HttpResponse<byte[]> content =
        http.send(
            HttpRequest.newBuilder(jetty.uri(link)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(text)
        .startsWith("[image] https://desk.example.com/api/channels/line/content/560001?expires=")
        .doesNotContain(LinePayloads.TOKEN);
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).containsExactly((byte) 0xFF, (byte) 0xD8, 1, 2);
    assertThat(content.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(
            http.send(
                    HttpRequest.newBuilder(jetty.uri(link.replace("signature=", "signature=A")))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
    clock.advance(Duration.ofDays(15));
    assertThat(
            http.send(
                    HttpRequest.newBuilder(jetty.uri(link)).GET().build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void servesNoContentForAMessageItDidNotTakeIn() throws Exception {
    String link =
        new LineContentLinks(config(line.baseUrl()), clock)
            .link("569999")
            .replace("https://desk.example.com", "");

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(jetty.uri(link)).GET().build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void showsAFileWithItsNameAndSize() throws Exception {
    String event =
        LinePayloads.message(
            "01HI2",
            LinePayloads.userSource(USER),
            "{\"type\":\"file\",\"id\":\"560002\",\"fileName\":\"ใบเสร็จ.pdf\",\"fileSize\":1250000}",
            false);

    deliver(LinePayloads.delivery(event));

    assertThat(((InboundEvent.NewPost) ingest.stored().getFirst()).post().text())
        .startsWith(
            "[file: ใบเสร็จ.pdf, 1.3 MB] https://desk.example.com/api/channels/line/content/560002?expires=");
  }

  private HttpResponse<String> deliver(String body) throws Exception {
    if (body.startsWith("{\"destination\"") && body.length() < 100_000) {
      assertThat(LineSpec.webhookProblems(body))
          .as("the test's payload against line-webhook.yml")
          .isEmpty();
    }
    return deliver(body, LinePayloads.signature(body));
  }

  private HttpResponse<String> deliver(String body, String signature) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(jetty.uri(LineWebhookServlet.PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (signature != null) {
      request.header("x-line-signature", signature);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return LineJson.MAPPER.readTree(response.body());
  }
}
