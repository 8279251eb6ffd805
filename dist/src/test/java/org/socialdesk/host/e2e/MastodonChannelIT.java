package org.socialdesk.host.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Mastodon channel end to end in stream mode, against WireMock playing the instance's REST API
 * (written from Mastodon's documentation) and a streaming stub. Polls are hourly here, so a ticket
 * can come only from the poll each connection starts with, or from the stream. The tests follow one
 * story (first poll, streamed mention, reconnect backfill, reply), hence their order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MastodonChannelIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  private static final String BRAND_ACCOUNT = "109000000000000001";
  private static final String TOKEN = "e2e-mastodon-token";

  /** Mastodon's ids grow with time; these never meet an earlier run's in the shared RT. */
  private static final AtomicLong IDS = new AtomicLong(Instant.now().toEpochMilli() << 16);

  @TempDir static Path work;
  private static TestRt rt;
  private static WireMockServer mastodon;
  private static MastodonStreamingStub streaming;
  private static SocialdeskProcess socialdesk;

  /** Carried from one step of the story to the next. */
  private static Map<String, Object> firstNotification;

  private static Map<String, Object> directMention;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    mastodon =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    mastodon.start();
    streaming = new MastodonStreamingStub();
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/accounts/verify_credentials"))
            .willReturn(json(account(BRAND_ACCOUNT, "ShopKite", null))));
    firstNotification =
        notification(
            "mention",
            status(
                "<p><span class=\"h-card\"><a href=\""
                    + instance()
                    + "/@ShopKite\" class=\"u-url mention\">"
                    + "@<span>ShopKite</span></a></span> my order &amp; the invoice don&#39;t match<br>please check</p>",
                "public",
                account(newId(), "maria", "maria@social.example")));
    // The first start has no cursor: Mastodon's newest page, without min_id.
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", absent())
            .willReturn(json(List.of(firstNotification))));
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          mastodon:
            enabled: true
            base-url: %s
            access-token: %s
            account-id: "%s"
            mode: stream
            poll-interval: 1h
            streaming-url: %s
        """
                .formatted(instance(), TOKEN, BRAND_ACCOUNT, streaming.url()));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
    if (streaming != null) {
      streaming.close();
    }
    if (mastodon != null) {
      mastodon.stop();
    }
  }

  @Test
  @Order(1)
  void aMentionNotificationBecomesATicketWithCleanTextFromItsHtml() throws Exception {
    String ticket = ticketOf(statusId(firstNotification));

    assertThat(rt.fieldValues(ticket, "Channel")).containsExactly("mastodon");
    assertThat(rt.fieldValues(ticket, "SocialAuthor")).containsExactly("@maria@social.example");
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(
            text ->
                assertThat(text)
                    .contains("my order & the invoice don't match\nplease check")
                    .doesNotContain("<p>", "<br>", "&amp;", "h-card"));
    mastodon.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
            .withHeader("Authorization", equalTo("Bearer " + TOKEN))
            .withQueryParam("types[]", equalTo("mention")));
  }

  @Test
  @Order(2)
  void theStreamDeliversAMentionAsItHappens() throws Exception {
    Map<String, Object> streamed =
        notification(
            "mention",
            status(
                "<p>@ShopKite is the Zurich shop open on Sunday?</p>",
                "public",
                account(newId(), "jonas", "jonas@mastodon.example")));

    streaming.send("notification", XEmulator.json(streamed));

    String ticket = ticketOf(statusId(streamed));
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("Zurich shop open on Sunday?"));
    assertThat(streaming.connections()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aReconnectBackfillsTheGapFromTheCursorFollowingLinkPagination() throws Exception {
    String cursor = (String) firstNotification.get("id");
    directMention =
        notification(
            "mention",
            status(
                "<p>@ShopKite my address is 4 Elm Road, please fix the delivery</p>",
                "direct",
                account(newId(), "ana", "ana@social.example")));
    List<Map<String, Object>> firstPage = new ArrayList<>();
    firstPage.add(directMention);
    // A full page (40) sends the poller on to the newer page named by Link rel="prev"; edits of
    // statuses Socialdesk never took in fill it and are ignored.
    while (firstPage.size() < 40) {
      firstPage.add(
          notification(
              "update",
              status(
                  "<p>an edit elsewhere</p>",
                  "public",
                  account(newId(), "someone", "someone@elsewhere.example"))));
    }
    Map<String, Object> later =
        notification(
            "mention",
            status(
                "<p>@ShopKite still waiting for the refund</p>",
                "unlisted",
                account(newId(), "lukas", "lukas@social.example")));
    String newestOfFirstPage = (String) firstPage.getLast().get("id");
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo(cursor))
            .willReturn(
                json(firstPage.reversed())
                    .withHeader(
                        "Link",
                        "<"
                            + instance()
                            + "/api/v1/notifications?max_id="
                            + directMention.get("id")
                            + ">; rel=\"next\", <"
                            + instance()
                            + "/api/v1/notifications?min_id="
                            + newestOfFirstPage
                            + ">; rel=\"prev\"")));
    mastodon.stubFor(
        get(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo(newestOfFirstPage))
            .willReturn(json(List.of(later))));

    streaming.drop();

    String direct = ticketOf(statusId(directMention));
    String unlisted = ticketOf(statusId(later));
    assertThat(rt.ticket(direct).path("Subject").asText()).contains("DM");
    assertThat(rt.ticket(unlisted).path("Subject").asText()).doesNotContain("DM");
    assertThat(streaming.connections()).isEqualTo(2);
    mastodon.verify(
        getRequestedFor(urlPathEqualTo("/api/v1/notifications"))
            .withQueryParam("min_id", equalTo(newestOfFirstPage)));
  }

  @Test
  @Order(4)
  void theAgentsReplyGoesOutInReplyToTheStatusWithItsVisibilityAndAnIdempotencyKey()
      throws Exception {
    String ticket = ticketOf(statusId(directMention));
    String replyId = newId();
    mastodon.stubFor(
        post(urlPathEqualTo("/api/v1/statuses"))
            .willReturn(
                json(
                    Map.of(
                        "id",
                        replyId,
                        "created_at",
                        Instant.now().toString(),
                        "visibility",
                        "direct",
                        "content",
                        "<p>fixed</p>",
                        "url",
                        instance() + "/@ShopKite/" + replyId,
                        "account",
                        account(BRAND_ACCOUNT, "ShopKite", null)))));

    rt.correspondAsAgent(ticket, "We have fixed the delivery address.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(ticket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    List<LoggedRequest> posts =
        mastodon.findAll(postRequestedFor(urlPathEqualTo("/api/v1/statuses")));
    assertThat(posts).hasSize(1);
    LoggedRequest reply = posts.getFirst();
    assertThat(reply.getHeader("Idempotency-Key")).isNotBlank();
    assertThat(reply.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(reply.formParameters().get("in_reply_to_id").firstValue())
        .isEqualTo(statusId(directMention));
    assertThat(reply.formParameters().get("visibility").firstValue()).isEqualTo("direct");
    assertThat(reply.formParameters().get("status").firstValue())
        .startsWith("@ana@social.example")
        .contains("fixed the delivery address");
    mastodon.verify(
        postRequestedFor(urlPathEqualTo("/api/v1/statuses"))
            .withHeader("Idempotency-Key", matching(".+")));
  }

  private static String instance() {
    return "http://127.0.0.1:" + mastodon.port();
  }

  private static String newId() {
    return String.valueOf(IDS.incrementAndGet());
  }

  private static Map<String, Object> account(String id, String username, String acct) {
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("id", id);
    account.put("username", username);
    account.put("acct", acct != null ? acct : username);
    account.put("display_name", username);
    account.put(
        "url",
        acct != null
            ? "https://" + acct.substring(acct.indexOf('@') + 1) + "/@" + username
            : instance() + "/@" + username);
    account.put("followers_count", 12);
    account.put("bot", false);
    account.put("fields", List.of());
    account.put("created_at", "2022-11-01T00:00:00.000Z");
    return account;
  }

  private static Map<String, Object> status(
      String html, String visibility, Map<String, Object> author) {
    String id = newId();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("id", id);
    status.put("created_at", Instant.now().toString());
    status.put("in_reply_to_id", null);
    status.put("in_reply_to_account_id", null);
    status.put("sensitive", false);
    status.put("spoiler_text", "");
    status.put("visibility", visibility);
    status.put("language", "en");
    status.put("uri", author.get("url") + "/statuses/" + id);
    status.put("url", author.get("url") + "/" + id);
    status.put("content", html);
    status.put("account", author);
    status.put(
        "mentions",
        List.of(
            Map.of(
                "id",
                BRAND_ACCOUNT,
                "username",
                "ShopKite",
                "acct",
                "ShopKite",
                "url",
                instance() + "/@ShopKite")));
    status.put("favourites_count", 0);
    status.put("reblogs_count", 0);
    status.put("replies_count", 0);
    return status;
  }

  private static Map<String, Object> notification(String type, Map<String, Object> status) {
    Map<String, Object> notification = new LinkedHashMap<>();
    notification.put("id", newId());
    notification.put("type", type);
    notification.put("created_at", Instant.now().toString());
    notification.put("account", status.get("account"));
    notification.put("status", status);
    return notification;
  }

  @SuppressWarnings("unchecked")
  private static String statusId(Map<String, Object> notification) {
    return (String) ((Map<String, Object>) notification.get("status")).get("id");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(
      Object body) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "application/json; charset=utf-8")
        .withBody(XEmulator.json(body));
  }

  private static String ticketOf(String statusId) throws Exception {
    return rt.awaitTicketWithPost("mastodon:" + statusId, WAIT, socialdesk::log);
  }
}
