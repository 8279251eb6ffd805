package org.socialdesk.channel.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/** The judge of the other X tests: proof that it refuses what X's OpenAPI does not allow. */
class XSpecTest {

  private static final String MENTIONS = "/2/users/" + XStubs.BRAND_ID + "/mentions";

  @Test
  void allowsTheMentionsRequestThePollerSends() {
    ValidationReport report =
        XSpec.validateRequest(
            mentions()
                .withQueryParam(
                    "post.fields", "created_at,conversation_id,public_metrics,lang,note_post")
                .withQueryParam("expansions", "author_id,in_reply_to_user_id,referenced_posts")
                .build());

    assertThat(report.getMessages()).isEmpty();
  }

  @Test
  void refusesAnInventedQueryParameter() {
    ValidationReport report =
        XSpec.validateRequest(mentions().withQueryParam("include_brand", "true").build());

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.getMessages())
        .anySatisfy(
            message ->
                assertThat(message.getKey())
                    .isEqualTo("validation.request.parameter.query.unexpected"));
  }

  @Test
  void refusesAFieldValueOutsideTheEnumeration() {
    ValidationReport report =
        XSpec.validateRequest(mentions().withQueryParam("post.fields", "created_at,mood").build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesTheOlderTweetFieldsNameOnMentions() {
    ValidationReport report =
        XSpec.validateRequest(mentions().withQueryParam("tweet.fields", "created_at").build());

    assertThat(report.hasErrors()).as("2.167 knows post.fields only on this endpoint").isTrue();
  }

  @Test
  void refusesASinceIdThatIsNotAnId() {
    ValidationReport report =
        XSpec.validateRequest(mentions().withQueryParam("since_id", "newest").build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAReplyBodyWithAFieldTheSpecDoesNotHave() {
    ValidationReport report =
        XSpec.validateRequest(
            SimpleRequest.Builder.post("/2/tweets")
                .withAuthorization("Bearer user-token")
                .withContentType("application/json")
                .withBody(
                    "{\"text\":\"hi\",\"reply\":{\"in_reply_to_tweet_id\":\"1\",\"thread\":true}}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesARequestWithoutAuthorization() {
    ValidationReport report = XSpec.validateRequest(SimpleRequest.Builder.get(MENTIONS).build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAStubbedPageThatUsesAnOlderFieldName() {
    String page =
        "{\"data\":[{\"id\":\"1\",\"text\":\"hi\",\"public_metrics\":"
            + "{\"retweet_count\":1,\"reply_count\":0,\"like_count\":0,\"quote_count\":0}}]}";

    ValidationReport report =
        XSpec.validateResponse(
            MENTIONS,
            Request.Method.GET,
            SimpleResponse.Builder.ok().withContentType("application/json").withBody(page).build());

    assertThat(report.hasErrors()).as("2.167 calls it repost_count, and requires it").isTrue();
  }

  @Test
  void refusesACreatedPostAnswerWithoutTheNewId() {
    ValidationReport report =
        XSpec.validateResponse(
            "/2/tweets",
            Request.Method.POST,
            SimpleResponse.Builder.status(201)
                .withContentType("application/json")
                .withBody("{\"data\":{\"text\":\"hi\"}}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void allowsTheCreatedPostAnswerOfTheDocs() {
    ValidationReport report =
        XSpec.validateResponse(
            "/2/tweets",
            Request.Method.POST,
            SimpleResponse.Builder.status(201)
                .withContentType("application/json")
                .withBody(
                    "{\"data\":{\"id\":\"1445880548472328192\",\"text\":\"Are you excited for the weekend?\"}}")
                .build());

    assertThat(report.getMessages()).isEmpty();
  }

  private static SimpleRequest.Builder mentions() {
    return SimpleRequest.Builder.get(MENTIONS)
        .withAuthorization("Bearer app-bearer")
        .withQueryParam("max_results", "100");
  }
}
