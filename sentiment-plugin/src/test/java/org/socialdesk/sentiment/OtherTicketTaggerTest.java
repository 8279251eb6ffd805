package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.HelpdeskException;
import org.socialdesk.api.helpdesk.HelpdeskGateway;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.helpdesk.TicketUpdate;
import org.socialdesk.sentiment.language.LanguageDetector;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.priority.PriorityRule;
import org.socialdesk.testkit.TestingDatabase;

/** Tags for tickets opened by e-mail, with the shipped default model. */
class OtherTicketTaggerTest {

  private static final SentimentConfig CONFIG =
      new SentimentConfig(null, null, null, null, null, null, true);
  private static final LanguageDetector LANGUAGES =
      LanguageDetector.forLanguages(CONFIG.languages());
  private static final SentimentModel MODEL = SentimentModel.readDefault(LANGUAGES);

  private static final String CHANGELOG = "org/socialdesk/sentiment/changelog.yaml";

  private final OtherTicketTagger tagger =
      new OtherTicketTagger(
          () -> LANGUAGES,
          () -> MODEL,
          new PriorityRule(CONFIG.priority()),
          null,
          null,
          Clock.systemUTC());

  @Test
  void anAngryEmailIsANegativeEnglishComplaintWithAHigherPriorityThanAThankYou() {
    TicketUpdate angry =
        tagger.tags(
            "Invoice is wrong", "You charged me twice. This is unacceptable, worst service ever.");
    TicketUpdate thanks =
        tagger.tags("Thank you", "Thanks a lot, the support was great and very helpful!");

    assertThat(angry.fields())
        .containsEntry("Sentiment", "negative")
        .containsEntry("Language", "en")
        .containsEntry("Intent", "complaint");
    assertThat(thanks.fields())
        .containsEntry("Sentiment", "positive")
        .containsEntry("Language", "en");
    assertThat(angry.priority()).isGreaterThan(thanks.priority());
    assertThat(angry.fields()).doesNotContainKey("Influence");
  }

  @Test
  void tagsAreSentAgainWhileTheHelpdeskIsDownAndGivenUpOnlyAfterTheLastTry() throws Exception {
    List<TicketUpdate> sent = new CopyOnWriteArrayList<>();
    AtomicInteger outages = new AtomicInteger(2);
    AtomicInteger triesOnADeadHelpdesk = new AtomicInteger();
    PendingTags pending = new PendingTags(TestingDatabase.create(CHANGELOG), Clock.systemUTC());
    HelpdeskGateway flaky =
        helpdesk(
            (ticket, update) -> {
              if (ticket.id().equals("42")) {
                triesOnADeadHelpdesk.incrementAndGet();
                throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
              }
              if (outages.getAndDecrement() > 0) {
                throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
              }
              sent.add(update);
            });
    try (ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        OtherTicketTagger tagger =
            tagger(flaky, pending, List.of(Duration.ofMillis(10), Duration.ofMillis(10)))) {
      tagger.start(scheduler, Duration.ofMillis(10));
      tagger.onOpened(opened("41"));
      tagger.onOpened(opened("42"));

      awaitEmpty(pending);
    }

    assertThat(sent)
        .singleElement()
        .satisfies(update -> assertThat(update.fields()).containsEntry("Sentiment", "negative"));
    assertThat(outages.get()).isEqualTo(-1);
    assertThat(triesOnADeadHelpdesk.get())
        .as("the first try and two retries, then given up")
        .isEqualTo(3);
  }

  @Test
  void aTagThatCouldNotBeSentBeforeARestartIsSentByTheNextInstanceOnce() throws Exception {
    javax.sql.DataSource database = TestingDatabase.create(CHANGELOG);
    try (OtherTicketTagger before =
        tagger(
            helpdesk(
                (ticket, update) -> {
                  throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
                }),
            new PendingTags(database, Clock.systemUTC()),
            List.of(Duration.ofMillis(10)))) {
      before.onOpened(opened("43"));
    }
    List<TicketRef> sent = new CopyOnWriteArrayList<>();
    PendingTags pending = new PendingTags(database, Clock.systemUTC());

    try (ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        OtherTicketTagger after =
            tagger(
                helpdesk((ticket, update) -> sent.add(ticket)),
                pending,
                OtherTicketTagger.BACKOFF)) {
      Thread.sleep(20); // the retry the first instance planned is due
      after.start(scheduler, Duration.ofMillis(10));
      awaitEmpty(pending);
      // Several more sweeps run meanwhile: none sends the tag again.
      await()
          .during(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(2))
          .until(() -> sent.size() == 1);
    }

    assertThat(sent).containsExactly(new TicketRef("rt", "43"));
  }

  @Test
  void twoInstancesSweepingTheSameTableSendAWaitingTagOnce() throws Exception {
    javax.sql.DataSource database = TestingDatabase.create(CHANGELOG);
    new PendingTags(database, Clock.systemUTC())
        .add(
            new TicketRef("rt", "44"),
            new TicketUpdate(30, null, null, java.util.Map.of("Sentiment", "negative")),
            Duration.ZERO);
    List<TicketRef> sent = new CopyOnWriteArrayList<>();
    PendingTags pending = new PendingTags(database, Clock.systemUTC());

    try (ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        OtherTicketTagger one =
            tagger(
                helpdesk((ticket, update) -> sent.add(ticket)),
                pending,
                OtherTicketTagger.BACKOFF);
        OtherTicketTagger two =
            tagger(
                helpdesk((ticket, update) -> sent.add(ticket)),
                new PendingTags(database, Clock.systemUTC()),
                OtherTicketTagger.BACKOFF)) {
      one.start(scheduler, Duration.ofMillis(1));
      two.start(scheduler, Duration.ofMillis(1));
      awaitEmpty(pending);
      await()
          .during(Duration.ofMillis(200))
          .atMost(Duration.ofSeconds(2))
          .until(() -> sent.size() == 1);
    }

    assertThat(sent).containsExactly(new TicketRef("rt", "44"));
  }

  @Test
  void whileTheFirstTryIsOnItsWayNoSweepCanTakeTheSameTag() {
    javax.sql.DataSource database = TestingDatabase.create(CHANGELOG);
    PendingTags otherInstance = new PendingTags(database, Clock.systemUTC());
    List<List<PendingTags.Pending>> claimedMeanwhile = new CopyOnWriteArrayList<>();
    HelpdeskGateway slow =
        helpdesk(
            (ticket, update) -> {
              claimedMeanwhile.add(otherInstance.claimDue(20, Duration.ofMinutes(2)));
              throw new HelpdeskException("RT is down", true, Duration.ZERO, null);
            });

    try (OtherTicketTagger tagger =
        tagger(slow, new PendingTags(database, Clock.systemUTC()), OtherTicketTagger.BACKOFF)) {
      tagger.onOpened(opened("46"));
    }

    assertThat(claimedMeanwhile).singleElement().asList().isEmpty();
    assertThat(otherInstance.isEmpty()).as("kept for its retry").isFalse();
  }

  @Test
  @Timeout(30) // were the first try run inside onOpened, it would wait for the helpdesk forever
  void theHostIsNotHeldUpWhileTheHelpdeskTakesItsTimeToAnswer() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    List<TicketRef> sent = new CopyOnWriteArrayList<>();
    PendingTags pending = new PendingTags(TestingDatabase.create(CHANGELOG), Clock.systemUTC());
    HelpdeskGateway slow =
        helpdesk(
            (ticket, update) -> {
              try {
                answer.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              sent.add(ticket);
            });

    try (OtherTicketTagger tagger =
        new OtherTicketTagger(
            () -> LANGUAGES,
            () -> MODEL,
            new PriorityRule(CONFIG.priority()),
            slow,
            pending,
            Clock.systemUTC())) {
      tagger.onOpened(opened("47"));
      assertThat(sent).as("onOpened returned before the helpdesk answered").isEmpty();
      answer.countDown();
      awaitEmpty(pending);
    }

    assertThat(sent).containsExactly(new TicketRef("rt", "47"));
  }

  @Test
  void withItsDatabaseDownTheTagsAreStillSentOnce() {
    List<TicketRef> sent = new CopyOnWriteArrayList<>();
    javax.sql.DataSource broken =
        (javax.sql.DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {javax.sql.DataSource.class},
                (proxy, method, args) -> {
                  throw new java.sql.SQLException("database is down");
                });

    try (OtherTicketTagger tagger =
        tagger(
            helpdesk((ticket, update) -> sent.add(ticket)),
            new PendingTags(broken, Clock.systemUTC()),
            OtherTicketTagger.BACKOFF)) {
      tagger.onOpened(opened("45"));
    }

    assertThat(sent).containsExactly(new TicketRef("rt", "45"));
  }

  private static OtherTicketTagger tagger(
      HelpdeskGateway helpdesk, PendingTags pending, List<Duration> backoff) {
    return new OtherTicketTagger(
        () -> LANGUAGES,
        () -> MODEL,
        new PriorityRule(CONFIG.priority()),
        helpdesk,
        pending,
        Clock.systemUTC(),
        backoff,
        Runnable::run);
  }

  private static void awaitEmpty(PendingTags pending) {
    await("the waiting tags to be sent").atMost(Duration.ofSeconds(5)).until(pending::isEmpty);
  }

  private static SocialdeskEvent.TicketOpened opened(String ticket) {
    return new SocialdeskEvent.TicketOpened(
        new TicketRef("rt", ticket),
        "General",
        "Refund",
        "I was charged twice, this is awful.",
        "customer",
        Instant.now());
  }

  /** A helpdesk whose every call but {@code update} is unexpected here. */
  private static HelpdeskGateway helpdesk(BiConsumer<TicketRef, TicketUpdate> update) {
    return (HelpdeskGateway)
        Proxy.newProxyInstance(
            HelpdeskGateway.class.getClassLoader(),
            new Class<?>[] {HelpdeskGateway.class},
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

    assertThat(thai.fields())
        .containsEntry("Language", "th")
        .containsEntry("Sentiment", "positive");
  }
}
