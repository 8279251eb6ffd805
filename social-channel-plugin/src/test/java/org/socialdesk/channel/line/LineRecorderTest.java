package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.TestingDatabase;

class LineRecorderTest {

  private final DataSource db =
      TestingDatabase.shared(ChannelChangelog.RESOURCE, LineWebhookServletTest.TABLES);
  private final LineMessages messages =
      new LineMessages(db, new LineSeal(Secret.of(LinePayloads.SECRET)));
  private final LineRecorder recorder = new LineRecorder(messages);

  @Test
  void commitsEveryMessageOfConcurrentCallersBeforeEachReturns() throws Exception {
    List<Future<String>> calls = new ArrayList<>();
    try (ExecutorService callers = Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 300; i++) {
        String id = String.valueOf(900_000 + i);
        calls.add(
            callers.submit(
                () -> {
                  recorder.record(message(id), Instant.ofEpochMilli(LinePayloads.TIME));
                  return messages.find(id).isPresent() && new LineSeenEvents(db).seen("ev-" + id)
                      ? id
                      : null;
                }));
      }
      for (Future<String> call : calls) {
        assertThat(call.get()).as("the row was committed when record returned").isNotNull();
      }
    }
  }

  @Test
  void recordsAMessageDeliveredTwiceOnce() {
    recorder.record(message("910000"), Instant.ofEpochMilli(LinePayloads.TIME));
    recorder.record(message("910000"), Instant.ofEpochMilli(LinePayloads.TIME).plusSeconds(1));

    assertThat(messages.find("910000"))
        .hasValueSatisfying(
            row -> assertThat(row.receivedAt()).isEqualTo(Instant.ofEpochMilli(LinePayloads.TIME)));
  }

  private static LineIncoming message(String id) {
    return new LineIncoming(
        "ev-" + id,
        false,
        id,
        "user",
        LinePayloads.USER,
        LinePayloads.USER,
        "text",
        "hi",
        "rt-" + id,
        "q-" + id,
        null,
        false,
        List.of(),
        Instant.ofEpochMilli(LinePayloads.TIME));
  }
}
