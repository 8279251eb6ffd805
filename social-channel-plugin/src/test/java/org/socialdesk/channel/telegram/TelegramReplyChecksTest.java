package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.GROUP;
import static org.socialdesk.channel.telegram.TelegramFixtures.json;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.channel.reply.ReplyPolicies;
import org.socialdesk.channel.reply.ReplyWorkflowConfig;

/**
 * Telegram replies through the plugin's reply checks, as the host runs them: a group is public, so
 * personal data is held there and not in a private chat; a long reply is split into messages that
 * each fit Telegram's 4,096 UTF-16 units.
 */
class TelegramReplyChecksTest {

  private static final String PHONE_REPLY = "We will call you on +98 912 345 6789 today.";

  @Test
  void personalDataIsHeldInAGroupReply() {
    ReplyDecision decision = review(groupPost(), PHONE_REPLY);

    assertThat(decision)
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class, hold -> assertThat(hold.reason()).contains("personal data"));
  }

  @Test
  void personalDataPassesInAPrivateChat() {
    assertThat(review(privatePost(), PHONE_REPLY)).isInstanceOf(ReplyDecision.Allow.class);
  }

  @Test
  void aLongPersianReplyWithEmojiIsSplitIntoMessagesOfAtMost4096Utf16Units() {
    String sentence = "سفارش شما فردا ارسال می‌شود 📦🚚 ";
    String text = sentence.repeat(4000 / sentence.length() * 2);

    ReplyDecision decision = review(privatePost(), text);

    assertThat(decision)
        .isInstanceOfSatisfying(
            ReplyDecision.Allow.class,
            allow -> {
              assertThat(allow.draft().parts()).hasSizeGreaterThan(1);
              assertThat(allow.draft().parts())
                  .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4096));
            });
  }

  private static ReplyDecision review(SocialPost answering, String text) {
    ReplyDraft draft =
        new ReplyDraft(
            new TicketRef("rt", "1"),
            "anna.berg",
            answering,
            Enrichment.NONE,
            answering.visibility(),
            List.of(text),
            false,
            new TelegramTextLength());
    for (ReplyPolicy policy : ReplyPolicies.from(ReplyWorkflowConfig.defaults()).all()) {
      ReplyDecision decision = policy.review(draft);
      if (!(decision instanceof ReplyDecision.Allow allow)) {
        return decision;
      }
      draft = allow.draft();
    }
    return new ReplyDecision.Allow(draft);
  }

  private static SocialPost privatePost() {
    return read(
        TelegramFixtures.update(
            1,
            "message",
            TelegramFixtures.message(
                15,
                TelegramFixtures.privateChat(CUSTOMER, "Maryam"),
                TelegramFixtures.user(CUSTOMER, "Maryam", null),
                "سلام")));
  }

  private static SocialPost groupPost() {
    return read(
        TelegramFixtures.update(
            2,
            "message",
            TelegramFixtures.withMention(
                TelegramFixtures.message(
                    77,
                    TelegramFixtures.group(GROUP, "fans", null),
                    TelegramFixtures.user(CUSTOMER, "Maryam", null),
                    "@ShopKiteBot سلام"),
                "@ShopKiteBot")));
  }

  private static SocialPost read(Map<String, Object> update) {
    return ((TelegramInbound.Post) TelegramReaderTest.reader(false).read(json(update))).post();
  }
}
