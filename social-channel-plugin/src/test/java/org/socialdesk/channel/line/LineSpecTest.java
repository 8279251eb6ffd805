package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * The judge of the other LINE tests: proof that it refuses what LINE's OpenAPI files do not allow.
 */
class LineSpecTest {

  private static final String TEXT = "{\"type\":\"text\",\"text\":\"hi\"}";

  @Test
  void allowsAPushWithARetryKey() {
    ValidationReport report =
        LineSpec.validateRequest(
            push("{\"to\":\"" + LinePayloads.USER + "\",\"messages\":[" + TEXT + "]}")
                .withHeader("X-Line-Retry-Key", "123e4567-e89b-12d3-a456-426614174000")
                .build());

    assertThat(report.getMessages()).isEmpty();
  }

  @Test
  void refusesARetryKeyThatIsNotAUuid() {
    ValidationReport report =
        LineSpec.validateRequest(
            push("{\"to\":\"U1\",\"messages\":[" + TEXT + "]}")
                .withHeader("X-Line-Retry-Key", "reply-17-part-1")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAReplyWithSixMessages() {
    String six = String.join(",", TEXT, TEXT, TEXT, TEXT, TEXT, TEXT);
    ValidationReport report =
        LineSpec.validateRequest(
            SimpleRequest.Builder.post("/v2/bot/message/reply")
                .withAuthorization("Bearer t")
                .withContentType("application/json")
                .withBody("{\"replyToken\":\"r\",\"messages\":[" + six + "]}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAPushWithAnInventedField() {
    ValidationReport report =
        LineSpec.validateRequest(
            push("{\"to\":\"U1\",\"messages\":[{\"type\":\"text\",\"text\":\"hi\",\"quote\":\"q\"}]}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAReplyWithoutItsToken() {
    ValidationReport report =
        LineSpec.validateRequest(
            SimpleRequest.Builder.post("/v2/bot/message/reply")
                .withAuthorization("Bearer t")
                .withContentType("application/json")
                .withBody("{\"messages\":[" + TEXT + "]}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesARequestWithoutAuthorization() {
    ValidationReport report =
        LineSpec.validateRequest(
            SimpleRequest.Builder.get("/v2/bot/profile/" + LinePayloads.USER).build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void refusesAnAnswerWithoutTheSentMessages() {
    ValidationReport report =
        LineSpec.validateResponse(
            "/v2/bot/message/push",
            Request.Method.POST,
            SimpleResponse.Builder.ok()
                .withContentType("application/json")
                .withBody("{\"messages\":[]}")
                .build());

    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void allowsTheConflictAnswerOfARepeatedRetryKey() {
    ValidationReport report =
        LineSpec.validateResponse(
            "/v2/bot/message/push",
            Request.Method.POST,
            SimpleResponse.Builder.status(409)
                .withContentType("application/json")
                .withBody(
                    "{\"message\":\"The retry key is already accepted\",\"sentMessages\":[{\"id\":\"461230966842064897\"}]}")
                .build());

    assertThat(report.getMessages()).isEmpty();
  }

  @Test
  void allowsTheWebhookPayloadsTheTestsSend() {
    assertThat(
            LineSpec.webhookProblems(
                LinePayloads.delivery(LinePayloads.text("e1", "m1", "สวัสดีครับ"))))
        .isEmpty();
    assertThat(LineSpec.webhookProblems(LinePayloads.delivery())).isEmpty();
  }

  @Test
  void refusesAWebhookEventWithoutItsWebhookEventId() {
    String event = LinePayloads.text("e1", "m1", "hi").replace("\"webhookEventId\":\"e1\",", "");

    assertThat(LineSpec.webhookProblems(LinePayloads.delivery(event))).isNotEmpty();
  }

  @Test
  void refusesAWebhookPayloadWhoseDestinationIsNotABotUserId() {
    String body = LinePayloads.delivery().replace(LinePayloads.BOT, "bot-1");

    assertThat(LineSpec.webhookProblems(body)).isNotEmpty();
  }

  private static SimpleRequest.Builder push(String body) {
    return SimpleRequest.Builder.post("/v2/bot/message/push")
        .withAuthorization("Bearer t")
        .withContentType("application/json")
        .withBody(body);
  }
}
