package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.telegram.TelegramFixtures.BOT;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.GROUP;
import static org.socialdesk.channel.telegram.TelegramFixtures.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.SocialPost;

/**
 * Telegram's entity offsets count UTF-16 code units. Each text here puts characters of another
 * width before the mention (emoji outside the BMP count 2 units but 1 code point; Thai combining
 * marks and Persian letters count 1 each), so an implementation counting code points, bytes or
 * graphemes would cut the wrong text.
 */
class TelegramEntitiesTest {

  @Test
  void findsTheMentionAfterEmojiAtItsUtf16Offset() {
    String text = "🙏🏽👍 @ShopKiteBot help";
    // "🙏🏽👍 " is 7 UTF-16 units: 🙏 2, 🏽 2, 👍 2, space 1.
    JsonNode entities = json(List.of(Map.of("type", "mention", "offset", 7, "length", 12)));

    assertThat(TelegramEntities.mentions(text, entities)).containsExactly("@ShopKiteBot");
    assertThat(TelegramEntities.addressBot(text, entities, BOT)).isTrue();
  }

  @Test
  void findsTheMentionAfterThaiWithCombiningMarks() {
    String text = "สวัสดีครับ ช่วยด้วย @ShopKiteBot พัสดุหาย";
    JsonNode entities = json(List.of(Map.of("type", "mention", "offset", 20, "length", 12)));

    assertThat(TelegramEntities.mentions(text, entities)).containsExactly("@ShopKiteBot");
  }

  @Test
  void findsTheMentionInsidePersianTextWithZeroWidthNonJoiner() {
    String text = "می‌خواهم سفارشم را لغو کنم @ShopKiteBot لطفاً";
    int offset = text.indexOf('@');
    JsonNode entities = json(List.of(Map.of("type", "mention", "offset", offset, "length", 12)));

    assertThat(offset).isEqualTo(27);
    assertThat(TelegramEntities.mentions(text, entities)).containsExactly("@ShopKiteBot");
  }

  @Test
  void findsTwoMentionsInMixedScriptsExactly() {
    String text = "👩‍👩‍👧 @ana_shop สวัสดี سلام @ShopKiteBot ✅";
    JsonNode entities =
        json(
            List.of(
                Map.of("type", "mention", "offset", 9, "length", 9),
                Map.of("type", "mention", "offset", 31, "length", 12)));

    assertThat(TelegramEntities.mentions(text, entities))
        .containsExactly("@ana_shop", "@ShopKiteBot");
  }

  @Test
  void anEntityThatCutsAnEmojiInHalfOrRunsPastTheTextIsIgnored() {
    String text = "👍@ShopKiteBot";
    JsonNode halfEmoji = json(List.of(Map.of("type", "mention", "offset", 1, "length", 13)));
    JsonNode pastTheEnd = json(List.of(Map.of("type", "mention", "offset", 2, "length", 40)));

    assertThat(TelegramEntities.mentions(text, halfEmoji)).isEmpty();
    assertThat(TelegramEntities.mentions(text, pastTheEnd)).isEmpty();
    assertThat(TelegramEntities.addressBot(text, pastTheEnd, BOT)).isFalse();
  }

  @Test
  void aTextMentionOfTheBotsIdAndACommandAimedAtItAddressTheBot() {
    String text = "ShopKite پشتیبانی /help@shopkitebot";
    JsonNode textMention =
        json(
            List.of(
                Map.of(
                    "type",
                    "text_mention",
                    "offset",
                    0,
                    "length",
                    8,
                    "user",
                    Map.of(
                        "id", TelegramFixtures.BOT_ID, "is_bot", true, "first_name", "ShopKite"))));
    JsonNode command = json(List.of(Map.of("type", "bot_command", "offset", 18, "length", 17)));

    assertThat(TelegramEntities.addressBot(text, textMention, BOT)).isTrue();
    assertThat(TelegramEntities.addressBot(text, command, BOT)).isTrue();
  }

  @Test
  void theTextOfAGroupMessageInThaiPersianAndEmojiRoundTripsExactly() {
    String text = "@ShopKiteBot ยังไม่ได้รับของ 😢 سفارش ۴۵۶ 👨‍👩‍👧";
    Map<String, Object> message =
        TelegramFixtures.withMention(
            TelegramFixtures.message(
                88,
                TelegramFixtures.group(GROUP, "g", null),
                TelegramFixtures.user(CUSTOMER, "Somchai", null),
                text),
            "@ShopKiteBot");

    TelegramInbound inbound =
        TelegramReaderTest.reader(false).read(json(TelegramFixtures.update(1, "message", message)));

    SocialPost post = ((TelegramInbound.Post) inbound).post();
    assertThat(post.text()).isEqualTo(text);
    assertThat(post.attributes()).containsEntry(TelegramReader.MENTIONS, "@ShopKiteBot");
  }

  @Test
  void repliesAreMeasuredInUtf16UnitsAsTelegramCountsThem() {
    TelegramTextLength limit = new TelegramTextLength();

    assertThat(limit.length("สวัสดี")).isEqualTo(6);
    assertThat(limit.length("سلام")).isEqualTo(4);
    assertThat(limit.length("👍")).isEqualTo(2);
    assertThat(limit.length("👍".repeat(2048))).isEqualTo(4096);
    assertThat(limit.length("👍".repeat(2049)))
        .isGreaterThan(limit.maxLength(org.socialdesk.api.social.Visibility.PRIVATE));
  }
}
