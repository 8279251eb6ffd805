package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;

/** Tags for tickets opened by e-mail, with the shipped default model. */
class OtherTicketTaggerTest {

  private static final SentimentConfig CONFIG = new SentimentConfig(null, null, null, null, null, null, true);
  private static final LanguageDetector LANGUAGES = LanguageDetector.forLanguages(CONFIG.languages());
  private static final SentimentModel MODEL = SentimentModel.readDefault(LANGUAGES);

  private final OtherTicketTagger tagger = new OtherTicketTagger(() -> LANGUAGES, () -> MODEL, new PriorityRule(CONFIG.priority()), null, null);

  @Test
  void anAngryEmailIsANegativeEnglishComplaintWithAHigherPriorityThanAThankYou() {
    TicketUpdate angry = tagger.tags("Invoice is wrong", "You charged me twice. This is unacceptable, worst service ever.");
    TicketUpdate thanks = tagger.tags("Thank you", "Thanks a lot, the support was great and very helpful!");

    assertThat(angry.fields()).containsEntry("Sentiment", "negative").containsEntry("Language", "en").containsEntry("Intent", "complaint");
    assertThat(thanks.fields()).containsEntry("Sentiment", "positive").containsEntry("Language", "en");
    assertThat(angry.priority()).isGreaterThan(thanks.priority());
    assertThat(angry.fields()).doesNotContainKey("Influence");
  }

  @Test
  void tagsAreSentAgainWhileTheHelpdeskIsDownAndGivenUpOnlyAfterTheLastTry() throws Exception {
    List<TicketUpdate> sent = new CopyOnWriteArrayList<>();
    AtomicInteger outages = new AtomicInteger(2);
    AtomicInteger triesOnADeadHelpdesk = new AtomicInteger();
    HelpdeskGateway flaky = helpdesk((ticket, update) -> {
      if (outages.getAndDecrement() > 0) {
        throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
      }
      sent.add(update);
    });
    try (ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor()) {
      new OtherTicketTagger(() -> LANGUAGES, () -> MODEL, new PriorityRule(CONFIG.priority()), flaky, scheduler,
          List.of(Duration.ofMillis(10), Duration.ofMillis(10))).onOpened(opened("41"));
      new OtherTicketTagger(() -> LANGUAGES, () -> MODEL, new PriorityRule(CONFIG.priority()), helpdesk((ticket, update) -> {
        triesOnADeadHelpdesk.incrementAndGet();
        throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
      }), scheduler, List.of(Duration.ofMillis(10))).onOpened(opened("42"));

      for (int i = 0; i < 100 && sent.isEmpty(); i++) {
        Thread.sleep(20);
      }
    }

    assertThat(sent).singleElement().satisfies(update -> assertThat(update.fields()).containsEntry("Sentiment", "negative"));
    assertThat(outages.get()).isEqualTo(-1);
    assertThat(triesOnADeadHelpdesk.get()).as("the first try and one retry, then given up").isEqualTo(2);
  }

  private static SocialdeskEvent.TicketOpened opened(String ticket) {
    return new SocialdeskEvent.TicketOpened(new TicketRef("rt", ticket), "General", "Refund", "I was charged twice, this is awful.",
        "customer", Instant.now());
  }

  /** A helpdesk whose every call but {@code update} is unexpected here. */
  private static HelpdeskGateway helpdesk(BiConsumer<TicketRef, TicketUpdate> update) {
    return (HelpdeskGateway) Proxy.newProxyInstance(HelpdeskGateway.class.getClassLoader(), new Class<?>[] {HelpdeskGateway.class},
        (proxy, method, args) -> {
          if (!method.getName().equals("update")) {
            throw new UnsupportedOperationException(method.getName());
          }
          update.accept((TicketRef) args[0], (TicketUpdate) args[1]);
          return null;
        });
  }

  @Test
  void aSubjectAloneIsEnoughAndTheLanguageIsTheMessagesOwn() {
    TicketUpdate thai = tagger.tags("", "ขอบคุณมากค่ะ บริการดีมาก ประทับใจสุดๆ");

    assertThat(thai.fields()).containsEntry("Language", "th").containsEntry("Sentiment", "positive");
  }
}
