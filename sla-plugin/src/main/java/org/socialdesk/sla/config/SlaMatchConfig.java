package org.socialdesk.sla.config;

import java.util.List;

/**
 * Which conversations a policy applies to. Each key takes a list; a conversation matches when, for
 * every key given, its fact is in the list (AND across keys, OR within a list). A key left out or
 * given {@code []} asks nothing; a fact that is not known (no sentiment yet, say) does not match a
 * key that is given. Values are case-insensitive.
 *
 * @param channel networks, e.g. {@code [x, mastodon]}
 * @param visibility {@code public} and/or {@code private}
 * @param language ISO 639 codes, e.g. {@code [en, th]}
 * @param sentiment {@code negative}, {@code neutral}, {@code positive}
 * @param influence {@code low}, {@code medium}, {@code high}, {@code vip}
 * @param intent {@code complaint}, {@code question}, {@code praise}, {@code purchase-intent},
 *     {@code spam}, {@code other}
 * @param queue helpdesk queue names
 */
public record SlaMatchConfig(
    List<String> channel,
    List<String> visibility,
    List<String> language,
    List<String> sentiment,
    List<String> influence,
    List<String> intent,
    List<String> queue) {

  public SlaMatchConfig {
    channel = SlaConfigValues.list(channel);
    visibility = SlaConfigValues.list(visibility);
    language = SlaConfigValues.list(language);
    sentiment = SlaConfigValues.list(sentiment);
    influence = SlaConfigValues.list(influence);
    intent = SlaConfigValues.list(intent);
    queue = SlaConfigValues.list(queue);
  }
}
