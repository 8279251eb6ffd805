package org.socialdesk.sentiment;

import java.util.List;
import org.socialdesk.sentiment.influence.InfluenceConfig;
import org.socialdesk.sentiment.priority.PriorityConfig;

/**
 * The sentiment plugin's section, {@code plugins.sentiment}.
 *
 * @param languages ISO 639-1 codes the language detector chooses among; default en, th, fa, ar, es,
 *     de, fr, it, pt, hi
 * @param influence how influence tiers are cut from the score
 * @param priority the rule that sets a ticket's priority from sentiment, influence and intent
 * @param closeSpam whether a post classified as spam opens a ticket that is closed at once with a
 *     note (agents can reopen it); default true
 * @param leadsQueue the queue purchase-intent posts go to (e.g. {@code Sales}); default none: they
 *     stay in the social queue, tagged as leads
 * @param trainingData the folder of the default labelled data ({@code label<TAB>text} files as in
 *     the project's data set), needed only by {@code socialdesk sentiment train}
 * @param tagOtherTickets whether tickets opened by e-mail or the web form in the helpdesk's tag
 *     queues ({@code helpdesk.rt.tag-queues}) are tagged too (Sentiment, Language, Intent and
 *     priority); default false
 */
public record SentimentConfig(
    List<String> languages,
    InfluenceConfig influence,
    PriorityConfig priority,
    Boolean closeSpam,
    String leadsQueue,
    String trainingData,
    Boolean tagOtherTickets) {

  public SentimentConfig {
    languages =
        languages != null
            ? List.copyOf(languages)
            : List.of("en", "th", "fa", "ar", "es", "de", "fr", "it", "pt", "hi");
    influence = influence != null ? influence : InfluenceConfig.defaults();
    priority = priority != null ? priority : PriorityConfig.defaults();
    closeSpam = closeSpam != null ? closeSpam : true;
    tagOtherTickets = tagOtherTickets != null && tagOtherTickets;
  }
}
