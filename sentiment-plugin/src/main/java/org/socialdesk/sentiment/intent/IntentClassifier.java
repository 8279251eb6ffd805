package org.socialdesk.sentiment.intent;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;

/**
 * What a customer wants, from cue words in the languages our customers write and from the post's
 * sentiment: spam first (it is closed, not answered), then a purchase lead, a question, a
 * complaint, praise. Cue lists are deliberately short and precise: a missed lead lands as a
 * question or complaint in the normal queue, a false one would send a customer to sales.
 */
public final class IntentClassifier {

  private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
  private static final Pattern HASHTAG = Pattern.compile("#\\p{L}[\\p{L}\\p{N}_]*");

  private static final List<String> SPAM =
      List.of(
          "follow back",
          "followback",
          "giveaway",
          "crypto",
          "bitcoin",
          "forex",
          "onlyfans",
          "dm me for",
          "earn money",
          "make money",
          "click here",
          "free followers",
          "casino",
          "ganar dinero",
          "sorteo",
          "หารายได้",
          "คาสิโน",
          "บาคาร่า",
          "پولدار شو",
          "کسب درآمد",
          "اربح المال",
          "ربح");
  private static final List<String> PURCHASE =
      List.of(
          "how much",
          "price",
          "buy",
          "purchase",
          "order one",
          "in stock",
          "available in",
          "discount code",
          "where can i get",
          "cuánto cuesta",
          "precio",
          "comprar",
          "quiero comprar",
          "disponible",
          "combien",
          "acheter",
          "prix",
          "preis",
          "kaufen",
          "quanto custa",
          "comprar",
          "preço",
          "quanto costa",
          "comprare",
          "ราคา",
          "ซื้อ",
          "สั่งซื้อ",
          "มีขาย",
          "قیمت",
          "خرید",
          "چنده",
          "موجود",
          "بكم",
          "سعر",
          "شراء",
          "متوفر");
  private static final List<String> QUESTION =
      List.of(
          "how do i",
          "how can i",
          "can you",
          "could you",
          "is there",
          "does it",
          "do you",
          "what is",
          "when will",
          "where is",
          "cómo",
          "cuándo",
          "dónde",
          "puedo",
          "comment",
          "quand",
          "est-ce",
          "wie",
          "wann",
          "wo ist",
          "como",
          "quando",
          "onde",
          "ไหม",
          "มั้ย",
          "อย่างไร",
          "ยังไง",
          "เมื่อไหร่",
          "ที่ไหน",
          "หรือเปล่า",
          "آیا",
          "چطور",
          "کی ",
          "کجا",
          "چرا",
          "هل",
          "كيف",
          "متى",
          "أين");

  public Intent classify(String text, Sentiment sentiment) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (isSpam(lower)) {
      return Intent.SPAM;
    }
    if (containsAny(lower, PURCHASE) && !isStronglyNegative(sentiment)) {
      return Intent.PURCHASE_INTENT;
    }
    boolean negative = sentiment != null && sentiment.label() == Sentiment.Label.NEGATIVE;
    if (isQuestion(lower) && !isStronglyNegative(sentiment)) {
      return Intent.QUESTION;
    }
    if (negative) {
      return Intent.COMPLAINT;
    }
    if (sentiment != null && sentiment.label() == Sentiment.Label.POSITIVE) {
      return Intent.PRAISE;
    }
    return isQuestion(lower) ? Intent.QUESTION : Intent.OTHER;
  }

  private static boolean isSpam(String lower) {
    boolean link = URL.matcher(lower).find();
    long hashtags = HASHTAG.matcher(lower).results().count();
    return containsAny(lower, SPAM) && (link || hashtags >= 2 || lower.contains("dm"))
        || link && hashtags >= 5;
  }

  private static boolean isQuestion(String lower) {
    return lower.contains("?") || lower.contains("؟") || containsAny(lower, QUESTION);
  }

  private static boolean isStronglyNegative(Sentiment sentiment) {
    return sentiment != null
        && sentiment.label() == Sentiment.Label.NEGATIVE
        && sentiment.score() >= 0.8;
  }

  private static boolean containsAny(String text, List<String> cues) {
    for (String cue : cues) {
      if (text.contains(cue)) {
        return true;
      }
    }
    return false;
  }
}
