package org.socialdesk.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.testkit.TestingPostgres;

/** The webhook queue on the production database path, Debian's PostgreSQL (scripts/postgres). */
class WebhookQueuePostgresIT {

  @Test
  void threeInstancesReadingTogetherReadEachDeliveryOnceAndLoseNone() throws Exception {
    try (TestingPostgres postgres = TestingPostgres.create(ChannelChangelog.RESOURCE);
        ExecutorService webhooks = Executors.newFixedThreadPool(8)) {
      List<String> read = Collections.synchronizedList(new ArrayList<>());
      WebhookQueue.Reader reader =
          new WebhookQueue.Reader() {
            @Override
            public void store(List<WebhookQueue.Delivery> deliveries) {
              deliveries.forEach(d -> read.add(d.body()));
            }

            @Override
            public void giveUp(WebhookQueue.Delivery delivery, String reason) {
              throw new AssertionError("gave up " + delivery.body() + ": " + reason);
            }
          };
      List<WebhookQueue> instances = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        instances.add(
            new WebhookQueue("meta", postgres.dataSource(), Clock.systemUTC(), reader, 7));
      }
      instances.forEach(WebhookQueue::start);
      List<String> sent = new ArrayList<>();
      for (int n = 0; n < 600; n++) {
        String body = "{\"n\":" + n + ",\"text\":\"สวัสดี سلام\"}";
        sent.add(body);
        WebhookQueue receiving = instances.get(n % 3);
        webhooks.submit(() -> receiving.store(body.getBytes(StandardCharsets.UTF_8)));
      }
      webhooks.shutdown();

      ChannelJdbc jdbc = new ChannelJdbc(postgres.dataSource());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  read.size() >= sent.size()
                      && jdbc.queryOne(
                                  "count",
                                  "select count(*) from webhook_delivery",
                                  row -> row.getLong(1))
                              .orElseThrow()
                          == 0);
      for (WebhookQueue instance : instances) {
        instance.close();
      }

      assertThat(read).hasSameSizeAs(sent).containsExactlyInAnyOrderElementsOf(sent);
    }
  }
}
