package org.socialdesk.channel.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyPolicies;
import org.socialdesk.channel.reply.ReplyWorkflowConfig;

/**
 * LINE's text rules in the scripts of its markets: length in UTF-16 units, splitting, and the
 * personal-data guard.
 */
class LineTextTest {

  private final LineTextLimit limit = new LineTextLimit();

  @Test
  void countsUtf16CodeUnitsAsLineDoes() {
    assertThat(limit.length("🍎")).isEqualTo(2);
    assertThat(limit.length("👋🏻")).isEqualTo(4);
    assertThat(limit.length("สวัสดี")).isEqualTo(6);
    assertThat(limit.length("سلام")).isEqualTo(4);
    assertThat(limit.length("𠀋")).isEqualTo(2);
    assertThat(limit.maxLength(Visibility.PUBLIC)).isEqualTo(5000);
    assertThat(limit.maxLength(Visibility.PRIVATE)).isEqualTo(5000);
  }

  @Test
  void splitsALongThaiReplyThroughTheReplyChecksIntoMessagesLineAccepts() {
    String sentence = "ขอบคุณที่แจ้งปัญหาเข้ามานะคะ ทางเราได้ตรวจสอบคำสั่งซื้อของคุณแล้ว 📦 ";
    String text = sentence.repeat(120).strip();

    ReplyDraft reviewed = review(LineDrafts.draft("1", LinePayloads.USER, text));

    assertThat(reviewed.parts())
        .hasSizeGreaterThan(1)
        .allSatisfy(part -> assertThat(limit.length(part)).isLessThanOrEqualTo(5000));
    assertThat(String.join("", reviewed.parts()).replaceAll("\\d+/\\d+ ", "").replaceAll("\\s", ""))
        .isEqualTo(text.replaceAll("\\s", ""));
  }

  @Test
  void leavesAReplyThatFitsUnchangedInEveryScript() {
    for (String text :
        List.of("ขอโทษค่ะ 🙏", "سفارش شما فردا ارسال می‌شود 🚚", "Hi สมชาย, سلام 👋🏻 order #12")) {
      assertThat(review(LineDrafts.draft("1", LinePayloads.USER, text)).parts())
          .containsExactly(text);
    }
  }

  @Test
  void holdsPersonalDataInAGroupReplyButNotInAOneToOneChat() {
    String text = "โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้เลยครับ";

    ReplyDecision group =
        decide(LineDrafts.draft(Enrichment.NONE.withLanguage("th"), "1", LinePayloads.GROUP, text));
    ReplyDecision oneToOne =
        decide(LineDrafts.draft(Enrichment.NONE.withLanguage("th"), "1", LinePayloads.USER, text));

    assertThat(group).isInstanceOf(ReplyDecision.Hold.class);
    assertThat(((ReplyDecision.Hold) group).reason()).contains("personal data");
    assertThat(oneToOne).isInstanceOf(ReplyDecision.Allow.class);
  }

  private static ReplyDraft review(ReplyDraft draft) {
    return ((ReplyDecision.Allow) decide(draft)).draft();
  }

  private static ReplyDecision decide(ReplyDraft draft) {
    for (ReplyPolicy policy : ReplyPolicies.from(ReplyWorkflowConfig.defaults()).all()) {
      ReplyDecision decision = policy.review(draft);
      if (!(decision instanceof ReplyDecision.Allow allow)) {
        return decision;
      }
      draft = allow.draft();
    }
    return new ReplyDecision.Allow(draft);
  }
}
