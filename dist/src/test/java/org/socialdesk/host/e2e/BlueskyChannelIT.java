package org.socialdesk.host.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.socialdesk.testkit.LocalBluesky;
import org.socialdesk.testkit.LocalBlueskyClient;

/**
 * The Bluesky channel end to end: the distribution against the real RT and a real local AT Protocol
 * network (PLC, PDS, AppView, the chat mock). A customer's mention becomes a ticket, the agent's
 * reply appears in the thread on the network, a deleted post is marked on its ticket, and {@code
 * /dm} moves the conversation to a direct message. The tests follow one story, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BlueskyChannelIT {

  @RegisterExtension static final LocalBluesky network = new LocalBluesky();

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path work;
  private static TestRt rt;
  private static SocialdeskProcess socialdesk;
  private static LocalBlueskyClient brand;
  private static LocalBlueskyClient customer;
  private static LocalBlueskyClient.Ref mention;
  private static String mentionTicket;

  @BeforeAll
  static void start() throws Exception {
    rt = TestRt.fromEnvironment();
    brand = new LocalBlueskyClient(network.info().pds(), network.info().brand());
    customer = new LocalBlueskyClient(network.info().pds(), network.info().customer());
    String appPassword = brand.createAppPassword("socialdesk-e2e", true);
    socialdesk =
        SocialdeskProcess.configure(
            work,
            rt,
            """
        social-channel:
          bluesky:
            enabled: true
            pds-url: %s
            handle: %s
            app-password: %s
            chat-proxy: "%s"
            dms: true
            poll-interval: 1s
            deletion-check-interval: 2s
        """
                .formatted(
                    network.info().pds(),
                    network.info().brand().handle(),
                    appPassword,
                    network.info().chatProxyHeader()));
    assertThat(socialdesk.command("rt", "provision").exitCode()).isZero();
    socialdesk.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (socialdesk != null) {
      socialdesk.stop();
    }
  }

  private static String postKey(LocalBlueskyClient.Ref post) {
    String uri = post.uri(); // at://<did>/app.bsky.feed.post/<rkey>
    String did = uri.substring("at://".length(), uri.indexOf('/', "at://".length()));
    return "bluesky:" + did + ":" + post.rkey();
  }

  private static String ticketOf(LocalBlueskyClient.Ref post) throws Exception {
    return rt.awaitTicketWithPost(postKey(post), WAIT, socialdesk::log);
  }

  @Test
  @Order(1)
  void aMentionOnTheNetworkBecomesATicket() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    mention =
        customer.mention(
            "Hi ", brand.handleOf(), brand.did(), " my order " + marker + " never arrived");

    mentionTicket = ticketOf(mention);

    assertThat(rt.fieldValues(mentionTicket, "Channel")).containsExactly("bluesky");
    assertThat(rt.transactionTexts(mentionTicket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("my order " + marker + " never arrived"));
  }

  @Test
  @Order(2)
  void theAgentsReplyAppearsInTheThreadOnTheNetwork() throws Exception {
    rt.correspondAsAgent(mentionTicket, "Sorry! We are checking your parcel now.");

    assertThat(
            TestRt.holdsWithin(
                WAIT, () -> rt.fieldValues(mentionTicket, "ReplyStatus").contains("published")))
        .as(socialdesk.log())
        .isTrue();
    assertThat(
            TestRt.holdsWithin(
                Duration.ofSeconds(10),
                () -> {
                  JsonNode replies =
                      LocalBlueskyClient.require(customer.thread(mention.uri()))
                          .path("thread")
                          .path("replies");
                  return replies.size() == 1
                      && replies
                          .get(0)
                          .path("post")
                          .path("author")
                          .path("did")
                          .asText()
                          .equals(brand.did())
                      && replies
                          .get(0)
                          .path("post")
                          .path("record")
                          .path("text")
                          .asText()
                          .contains("We are checking your parcel now.");
                }))
        .as(socialdesk.log())
        .isTrue();
  }

  @Test
  @Order(3)
  void slashDmMovesTheThreadToADirectMessage() throws Exception {
    rt.correspondAsAgent(mentionTicket, "/dm Please send us your address here.");

    String proxy = network.info().chatProxyHeader();
    assertThat(
            TestRt.holdsWithin(
                WAIT,
                () -> {
                  JsonNode convo =
                      LocalBlueskyClient.require(
                              customer.get(
                                  "chat.bsky.convo.getConvoForMembers?members=" + brand.did(),
                                  proxy))
                          .path("convo");
                  JsonNode messages =
                      LocalBlueskyClient.require(
                          customer.get(
                              "chat.bsky.convo.getMessages?convoId="
                                  + convo.path("id").asText()
                                  + "&limit=20",
                              proxy));
                  return messages
                      .path("messages")
                      .findValuesAsText("text")
                      .contains("Please send us your address here.");
                }))
        .as(socialdesk.log())
        .isTrue();
    JsonNode replies =
        LocalBlueskyClient.require(customer.thread(mention.uri())).path("thread").path("replies");
    assertThat(replies.findValuesAsText("text")).noneMatch(text -> text.contains("your address"));
  }

  @Test
  @Order(4)
  void aDirectMessageBecomesAPrivateTicket() throws Exception {
    String proxy = network.info().chatProxyHeader();
    String convoId =
        LocalBlueskyClient.require(
                customer.get("chat.bsky.convo.getConvoForMembers?members=" + brand.did(), proxy))
            .path("convo")
            .path("id")
            .asText();
    JsonNode sent =
        LocalBlueskyClient.require(
            customer.post(
                "chat.bsky.convo.sendMessage",
                Map.of("convoId", convoId, "message", Map.of("text", "It is 4 Elm Road, Leeds")),
                proxy));

    String ticket =
        rt.awaitTicketWithPost("bluesky:dm:" + sent.path("id").asText(), WAIT, socialdesk::log);

    assertThat(rt.ticket(ticket).path("Subject").asText()).contains("DM");
    assertThat(rt.transactionTexts(ticket, "Create"))
        .anySatisfy(text -> assertThat(text).contains("4 Elm Road"));
  }

  @Test
  @Order(5)
  void aDeletedPostIsMarkedOnItsTicket() throws Exception {
    LocalBlueskyClient.Ref doomed =
        customer.mention("", brand.handleOf(), brand.did(), " this shop is a scam");
    String ticket = ticketOf(doomed);

    customer.delete(doomed);

    assertThat(
            TestRt.holdsWithin(
                WAIT,
                () ->
                    rt.transactionTexts(ticket, "Comment").stream()
                        .anyMatch(t -> t.contains("deleted this post"))))
        .as(socialdesk.log())
        .isTrue();
  }
}
