package org.socialdesk.host.e2e;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LINE's push endpoint as LINE treats {@code X-Line-Retry-Key}: the first request under a key is
 * delivered to the chat and answered with its sent message; a later request under the same key
 * delivers nothing and is answered 409 "The retry key is already accepted", with the message sent
 * the first time and the accepted request's id ({@code x-line-accepted-request-id}). A request
 * without a key is delivered every time. {@link #holdNextAnswer} keeps the next delivered push
 * unanswered for a while, as a slow LINE would, so that a test can kill the sender after LINE
 * delivered it and before the sender learnt so.
 *
 * <p>Applied only to stubs that name it ({@code withTransformers(LinePushEmulator.NAME)}).
 */
final class LinePushEmulator implements ResponseDefinitionTransformerV2 {

  static final String NAME = "line-push-retry-keys";
  private static final int HOLD_MILLIS = 20_000;

  private record Accepted(String requestId, String messageId) {}

  private final Map<String, Accepted> acceptedKeys = new ConcurrentHashMap<>();
  private final List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicLong messageIds = new AtomicLong(System.currentTimeMillis() * 1000 + 7);
  private final AtomicBoolean holdNext = new AtomicBoolean();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  /** The next push that is delivered gets its answer only after 20 s. */
  void holdNextAnswer() {
    holdNext.set(true);
  }

  /** The bodies of the pushes LINE delivered to a chat, oldest first: what customers received. */
  List<String> delivered() {
    synchronized (delivered) {
      return List.copyOf(delivered);
    }
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String retryKey = serveEvent.getRequest().getHeader("X-Line-Retry-Key");
    Accepted fresh =
        new Accepted(UUID.randomUUID().toString(), Long.toString(messageIds.incrementAndGet()));
    Accepted earlier = retryKey == null ? null : acceptedKeys.putIfAbsent(retryKey, fresh);
    if (earlier != null) {
      return json(409, earlier, "\"message\":\"The retry key is already accepted\",")
          .withHeader("x-line-request-id", UUID.randomUUID().toString())
          .withHeader("x-line-accepted-request-id", earlier.requestId())
          .build();
    }
    delivered.add(serveEvent.getRequest().getBodyAsString());
    ResponseDefinitionBuilder answer =
        json(200, fresh, "").withHeader("x-line-request-id", fresh.requestId());
    if (holdNext.compareAndSet(true, false)) {
      answer.withFixedDelay(HOLD_MILLIS);
    }
    return answer.build();
  }

  private static ResponseDefinitionBuilder json(int status, Accepted accepted, String message) {
    return ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody("{" + message + "\"sentMessages\":[{\"id\":\"" + accepted.messageId() + "\"}]}");
  }
}
