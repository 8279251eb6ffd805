package org.socialdesk.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.sentiment.model.Label;
import org.socialdesk.sentiment.model.LabelledText;
import org.socialdesk.testkit.TestingDatabase;

class AgentCorrectionsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  private final SentimentTables tables =
      new SentimentTables(TestingDatabase.create("org/socialdesk/sentiment/changelog.yaml"));
  private final AgentCorrections corrections = new AgentCorrections(tables);

  @Test
  void anAgentsNewSentimentBecomesTheTicketsLabelledText() {
    tables.rememberTicket("rt", "20", "It arrived late but works", "negative", "en", NOW);

    corrections.onFieldChanged(changed("20", "Sentiment", "neutral"));

    assertThat(tables.labels())
        .containsExactly(new LabelledText(Label.NEUTRAL, "It arrived late but works"));
  }

  @Test
  void aValueThatIsNoSentimentIsIgnoredWithoutFailingTheDelivery() {
    tables.rememberTicket("rt", "21", "Where is my order?", "neutral", "en", NOW);

    corrections.onFieldChanged(changed("21", "Sentiment", "furious"));
    corrections.onFieldChanged(changed("21", "Intent", "complaint"));
    corrections.onFieldChanged(changed("21", "Sentiment", " "));

    assertThat(tables.labels()).isEmpty();
  }

  private static SocialdeskEvent.FieldChanged changed(String ticket, String field, String value) {
    return new SocialdeskEvent.FieldChanged(
        new TicketRef("rt", ticket), field, null, value, "alice", NOW);
  }
}
