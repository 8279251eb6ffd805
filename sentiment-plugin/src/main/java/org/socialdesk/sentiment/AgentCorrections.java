package org.socialdesk.sentiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.event.SocialdeskEvent;
import org.socialdesk.api.helpdesk.TicketField;
import org.socialdesk.sentiment.model.Label;

/**
 * An agent who changes a social ticket's Sentiment teaches the next brand model what this desk
 * calls that text: the ticket's first post is kept with the agent's label, once per ticket.
 */
final class AgentCorrections {

  private static final Logger log = LoggerFactory.getLogger(AgentCorrections.class);

  private final SentimentTables tables;

  AgentCorrections(SentimentTables tables) {
    this.tables = tables;
  }

  void onFieldChanged(SocialdeskEvent.FieldChanged change) {
    if (!change.field().equals(TicketField.SENTIMENT.fieldName())
        || change.newValue() == null
        || change.newValue().isBlank()) {
      return;
    }
    Label label;
    try {
      label = Label.parse(change.newValue());
    } catch (IllegalArgumentException e) {
      // A value an RT admin added to the field's list: nothing to learn, and nothing to retry.
      log.atWarn()
          .addKeyValue("ticket", change.ticket())
          .addKeyValue("agent", change.agent())
          .log(
              "Sentiment '{}' is not negative, neutral or positive; the correction is not learned",
              change.newValue());
      return;
    }
    if (tables.correctTicket(
        change.ticket().helpdesk(),
        change.ticket().id(),
        label,
        "agent:" + change.agent(),
        change.at())) {
      log.atInfo()
          .addKeyValue("ticket", change.ticket())
          .addKeyValue("label", label.code())
          .log("Agent's sentiment correction kept");
    }
  }
}
