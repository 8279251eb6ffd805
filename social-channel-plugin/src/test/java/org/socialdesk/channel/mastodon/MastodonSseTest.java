package org.socialdesk.channel.mastodon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastodonSseTest {

  private final MastodonSse sse = new MastodonSse();

  private List<MastodonSse.Event> feed(String... lines) {
    List<MastodonSse.Event> events = new ArrayList<>();
    for (String line : lines) {
      sse.line(line).ifPresent(events::add);
    }
    return events;
  }

  @Test
  void readsNamedEventsEndedByAnEmptyLine() {
    List<MastodonSse.Event> events =
        feed(
            "event: notification",
            "data: {\"id\":\"1\"}",
            "",
            "event: delete",
            "data: 109348677773283527",
            "");

    assertThat(events)
        .containsExactly(
            new MastodonSse.Event("notification", "{\"id\":\"1\"}"),
            new MastodonSse.Event("delete", "109348677773283527"));
  }

  @Test
  void joinsDataLinesWithLineBreaks() {
    List<MastodonSse.Event> events = feed("event: status.update", "data: {\"a\":", "data:  1}", "");

    assertThat(events).containsExactly(new MastodonSse.Event("status.update", "{\"a\":\n 1}"));
  }

  @Test
  void ignoresHeartbeatsAndOtherComments() {
    List<MastodonSse.Event> events =
        feed(":)", ":thump", "", "event: notification", ":thump", "data: x", "", ":thump");

    assertThat(events).containsExactly(new MastodonSse.Event("notification", "x"));
  }

  @Test
  void anEventWithoutDataIsNoEventAndAnUnnamedOneIsAMessage() {
    List<MastodonSse.Event> events =
        feed("event: filters_changed", "", "data:no space", "id: 7", "retry: 10", "");

    assertThat(events).containsExactly(new MastodonSse.Event("message", "no space"));
  }

  @Test
  void forgetsAHalfReadEventOnReset() {
    feed("event: notification", "data: {\"partial\"");
    sse.reset();

    assertThat(feed("data: whole", "")).containsExactly(new MastodonSse.Event("message", "whole"));
  }
}
