package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.sentiment.influence.AuthorHistory;
import org.socialdesk.sentiment.model.Corpus;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.sentiment.model.SentimentModel;
import org.socialdesk.sentiment.model.SentimentTrainer;
import org.socialdesk.testkit.TestingDatabase;

/** The plugin's tables on H2 with its real changelog. */
class SentimentTablesTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private final SentimentTables tables =
      new SentimentTables(TestingDatabase.create("org/socialdesk/sentiment/changelog.yaml"));

  @Test
  void anAuthorsHistoryCountsConversationsAndNegativeOnes() {
    tables.countConversation("x", "42", true, NOW);
    tables.countConversation("x", "42", false, NOW);
    tables.countConversation("x", "42", true, NOW);

    assertThat(tables.history("x", "42", "someone")).isEqualTo(new AuthorHistory(3, 2, null));
    assertThat(tables.history("x", "43", "other")).isEqualTo(AuthorHistory.NONE);
  }

  @Test
  void theVipListMatchesHandlesWhateverTheirCaseOrAt() {
    tables.addVip("x", "@TechJournal", "journalist at a national daily", NOW);

    assertThat(tables.history("x", "999", "techjournal").vipReason())
        .isEqualTo("journalist at a national daily");
    assertThat(tables.vips()).containsExactly("x\t@techjournal\tjournalist at a national daily");
    assertThat(tables.removeVip("x", "TECHJOURNAL")).isTrue();
    assertThat(tables.history("x", "999", "techjournal").isVip()).isFalse();
  }

  @Test
  void aCorrectedTicketsFirstPostBecomesALabelledText() {
    tables.rememberTicket("rt", "17", "The app is fine I guess", "negative", "en", NOW);

    assertThat(tables.correctTicket("rt", "17", Label.NEUTRAL, "agent:alice", NOW)).isTrue();

    assertThat(tables.labels())
        .containsExactly(new LabelledText(Label.NEUTRAL, "The app is fine I guess"));
  }

  @Test
  void aTicketCorrectedTwiceOrWhoseCorrectionArrivesTwiceCountsOnceWithTheLatestLabel() {
    tables.rememberTicket("rt", "18", "Took a while but it works", "negative", "en", NOW);
    tables.addLabel(Label.POSITIVE, "from the brand's own file", "file", NOW);

    tables.correctTicket("rt", "18", Label.NEUTRAL, "agent:alice", NOW);
    tables.correctTicket("rt", "18", Label.NEUTRAL, "agent:alice", NOW);
    tables.correctTicket("rt", "18", Label.POSITIVE, "agent:bob", NOW.plusSeconds(60));

    assertThat(tables.labels())
        .containsExactly(
            new LabelledText(Label.POSITIVE, "from the brand's own file"),
            new LabelledText(Label.POSITIVE, "Took a while but it works"));
  }

  @Test
  void aTicketRememberedAgainIsReportedAsKnownSoItsAuthorIsNotCountedTwice() {
    assertThat(tables.rememberTicket("rt", "19", "Where is my parcel?", "neutral", "en", NOW))
        .isTrue();
    assertThat(tables.rememberTicket("rt", "19", "Where is my parcel?", "neutral", "en", NOW))
        .isFalse();
  }

  @Test
  void aCorrectionOfATicketNeverSeenHereKeepsNothing() {
    assertThat(tables.correctTicket("rt", "404", Label.NEGATIVE, "agent:alice", NOW)).isFalse();
    assertThat(tables.labels()).isEmpty();
  }

  @Test
  void aStoredBrandModelComesBackAndPredictsTheSame() {
    SentimentModel model =
        new SentimentTrainer(
                SentimentTrainer.Options.defaults().withBits(12).withMaxIterations(30),
                TestData.languages())
            .train(
                List.of(
                    new Corpus(
                        "tiny",
                        List.of(
                            new LabelledText(Label.POSITIVE, "great lovely wonderful"),
                            new LabelledText(Label.NEGATIVE, "awful terrible horrible"),
                            new LabelledText(Label.NEUTRAL, "the shop opens at nine")),
                        1.0,
                        0.0)));

    tables.saveModel(model, model.description(), NOW);

    SentimentModel loaded = tables.latestModel(TestData.languages()).orElseThrow();
    assertThat(loaded.classify("so lovely")).isEqualTo(model.classify("so lovely"));
  }
}
