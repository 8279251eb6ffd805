package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.channel.storage.ChannelJdbc;
import org.socialdesk.testkit.TestingDatabase;

class MetaItemsTest {

  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaItems items = new MetaItems(db);

  @Test
  void everyDeliveryOfAConcurrentBurstIsCommittedWhenRecordAllReturns() throws Exception {
    List<Future<Boolean>> deliveries = new ArrayList<>();
    try (ExecutorService webhook = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int d = 0; d < 200; d++) {
        List<MetaItem> delivery = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
          delivery.add(comment("200000000000001_" + (300_000_000_000_000L + d * 10L + c)));
        }
        deliveries.add(
            webhook.submit(
                () -> {
                  items.recordAll(delivery);
                  return delivery.stream()
                      .allMatch(item -> items.find(MetaNetwork.FACEBOOK, item.id()).isPresent());
                }));
      }
      for (Future<Boolean> delivery : deliveries) {
        assertThat(delivery.get()).as("all its items committed when recordAll returned").isTrue();
      }
    }
    assertThat(count()).isEqualTo(2_000);
  }

  @Test
  void anItemInTwoConcurrentDeliveriesOrDeliveredAgainIsRecordedOnce() throws Exception {
    MetaItem same = comment("200000000000001_300000000000001");
    try (ExecutorService webhook = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(webhook.submit(() -> items.recordAll(List.of(same))));
      }
      for (Future<?> call : calls) {
        call.get();
      }
    }
    items.recordAll(List.of(same));

    assertThat(count()).isEqualTo(1);
  }

  private long count() {
    return new ChannelJdbc(db)
        .queryOne("count", "select count(*) from meta_item", row -> row.getLong(1))
        .orElseThrow();
  }

  private static MetaItem comment(String id) {
    return new MetaItem(
        MetaNetwork.FACEBOOK,
        id,
        MetaItem.Kind.COMMENT,
        null,
        MetaStubs.PAGE_POST,
        MetaStubs.CUSTOMER,
        false,
        false,
        NOW);
  }
}
