package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.reply.Drafts.draft;
import static org.socialdesk.channel.reply.Drafts.publicReply;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.reply.ReplyPolicy;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.DmConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.LengthConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.SignatureConfig;

/**
 * The policies together, run as the host runs them: in order, stopping at the first that does not
 * allow.
 */
class ReplyPoliciesTest {

  private final ReplyPolicies policies =
      ReplyPolicies.from(
          new ReplyWorkflowConfig(
              new DmConfig(null, Map.of("th", "เราส่งข้อความส่วนตัวถึงคุณแล้ว")),
              null,
              null,
              new SignatureConfig(" ^{short}", Map.of("anna.berg", "AB")),
              new LengthConfig(null, null)));

  private ReplyDecision run(ReplyDraft draft) {
    ReplyDraft current = draft;
    for (ReplyPolicy policy : policies.all()) {
      ReplyDecision decision = policy.review(current);
      if (!(decision instanceof ReplyDecision.Allow allow)) {
        return decision;
      }
      current = allow.draft();
    }
    return new ReplyDecision.Allow(current);
  }

  @Test
  void runsInTheDocumentedOrder() {
    assertThat(policies.all())
        .extracting(ReplyPolicy::name)
        .containsExactly("dm-command", "approval", "personal-data", "signature", "length");
    assertThat(policies.all())
        .extracting(ReplyPolicy::order)
        .containsExactly(100, 200, 300, 400, 500);
  }

  @Test
  void signsAndSplitsALongPublicReply() {
    String text =
        ("We are looking into your order and will get back to you shortly with an update. ")
            .repeat(6)
            .strip();
    ReplyDecision decision = run(publicReply(text));
    assertThat(decision).isInstanceOf(ReplyDecision.Allow.class);
    List<String> parts = ((ReplyDecision.Allow) decision).draft().parts();
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0)).startsWith("1/2 ").doesNotContain("^AB");
    assertThat(parts.get(1)).startsWith("2/2 ").endsWith("update. ^AB");
  }

  @Test
  void sendsAPersonalDataReplyPrivatelyWithTheDmCommand() {
    String text = "/dm\nYour new card 4242 4242 4242 4242 is on its way.";
    assertThat(run(publicReply(text.substring(4)))).isInstanceOf(ReplyDecision.Hold.class);
    ReplyDecision decision = run(publicReply(text));
    assertThat(decision).isInstanceOf(ReplyDecision.Allow.class);
    ReplyDraft sent = ((ReplyDecision.Allow) decision).draft();
    assertThat(sent.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(sent.parts())
        .containsExactly("Your new card 4242 4242 4242 4242 is on its way. ^AB");
  }

  @Test
  void offersAPublicNoteForDmPlusInTheConversationsLanguage() {
    ReplyDraft original =
        draft(
            "/dm+\nรหัสของคุณคือ 1234",
            Visibility.PUBLIC,
            Enrichment.NONE.withLanguage("th"),
            false);
    assertThat(followUps(original))
        .singleElement()
        .satisfies(
            note -> {
              assertThat(note.visibility()).isEqualTo(Visibility.PUBLIC);
              assertThat(note.parts()).containsExactly("เราส่งข้อความส่วนตัวถึงคุณแล้ว");
            });
    assertThat(followUps(publicReply("/dm+ hi")))
        .singleElement()
        .satisfies(note -> assertThat(note.parts()).containsExactly("We've sent you a DM."));
    assertThat(followUps(publicReply("/dm hi"))).isEmpty();
    assertThat(followUps(Drafts.privateReply("/dm+ hi"))).isEmpty();
  }

  private List<ReplyDraft> followUps(ReplyDraft original) {
    return policies.all().stream().flatMap(policy -> policy.followUps(original).stream()).toList();
  }
}
