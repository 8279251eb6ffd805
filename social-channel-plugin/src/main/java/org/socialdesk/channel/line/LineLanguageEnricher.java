package org.socialdesk.channel.line;

import org.socialdesk.api.enrich.Enricher;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.social.SocialPost;

/**
 * The ticket's Language from the customer's LINE profile ({@code language}, BCP 47) when the text
 * gave none: a sticker, an image, a one-word message. It runs after the sentiment plugin's
 * detection (100), which reads the text itself and so is preferred.
 */
public final class LineLanguageEnricher implements Enricher {

  /** The post attribute holding the profile's language. */
  static final String ATTRIBUTE = "lineProfileLanguage";

  @Override
  public String name() {
    return "line-profile-language";
  }

  @Override
  public int order() {
    return 150;
  }

  @Override
  public Enrichment enrich(SocialPost post, Enrichment soFar) {
    String language = post.attributes().get(ATTRIBUTE);
    if (!LineDelivery.NETWORK.equals(post.network())
        || soFar.language() != null
        || language == null
        || language.isBlank()) {
      return soFar;
    }
    return soFar.withLanguage(language);
  }
}
