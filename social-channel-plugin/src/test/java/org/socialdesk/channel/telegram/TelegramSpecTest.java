package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The judge itself: it must refuse what the Bot API refuses, or it proves nothing. */
class TelegramSpecTest {

  @Test
  void acceptsASendMessageThatRepliesToTheCustomersMessage() {
    assertThat(
            TelegramSpec.validateRequest(
                    "/sendMessage",
                    "application/json",
                    "{\"chat_id\":-1001234567890,\"text\":\"سلام\",\"reply_parameters\":{\"message_id\":42}}")
                .hasErrors())
        .isFalse();
  }

  @Test
  void refusesASendMessageWithoutText() {
    assertThat(
            TelegramSpec.validateRequest("/sendMessage", "application/json", "{\"chat_id\":1}")
                .hasErrors())
        .isTrue();
  }

  @Test
  void refusesATextLongerThan4096Characters() {
    String text = "a".repeat(4097);
    assertThat(
            TelegramSpec.validateRequest(
                    "/sendMessage", "application/json", "{\"chat_id\":1,\"text\":\"" + text + "\"}")
                .hasErrors())
        .isTrue();
  }

  @Test
  void refusesAGetUpdatesLimitAbove100() {
    assertThat(
            TelegramSpec.validateRequest("/getUpdates", "application/json", "{\"limit\":101}")
                .hasErrors())
        .isTrue();
  }

  @Test
  void refusesAStubbedUpdateWithoutItsId() {
    assertThat(
            TelegramSpec.validateResponse(
                    "/getUpdates", 200, "{\"ok\":true,\"result\":[{\"message\":{}}]}")
                .hasErrors())
        .isTrue();
  }

  @Test
  void acceptsTheErrorBodyOfAFloodWait() {
    assertThat(
            TelegramSpec.validateResponse(
                    "/sendMessage",
                    429,
                    "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\",\"parameters\":{\"retry_after\":7}}")
                .hasErrors())
        .isFalse();
  }
}
