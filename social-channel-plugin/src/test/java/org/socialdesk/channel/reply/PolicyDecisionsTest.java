package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.reply.Drafts.draft;
import static org.socialdesk.channel.reply.Drafts.privateReply;
import static org.socialdesk.channel.reply.Drafts.publicReply;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.ApprovalConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.DmConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.LengthConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.PersonalDataConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.SignatureConfig;

/** Each policy's decisions on its own. */
class PolicyDecisionsTest {

  private static final String LONG =
      "Thanks for waiting, we have checked your order with the carrier today. ".repeat(5).strip();

  private static ReplyDraft allowed(ReplyDecision decision) {
    assertThat(decision).isInstanceOf(ReplyDecision.Allow.class);
    return ((ReplyDecision.Allow) decision).draft();
  }

  private static ReplyDecision.Hold held(ReplyDecision decision) {
    assertThat(decision).isInstanceOf(ReplyDecision.Hold.class);
    return (ReplyDecision.Hold) decision;
  }

  private static LengthPolicy length(String mode) {
    return new LengthPolicy(
        new LengthConfig(mode, null), new Signature(new SignatureConfig(null, null)));
  }

  @Test
  void lengthPassesAReplyThatFitsUnchanged() {
    ReplyDraft draft = publicReply("Thanks, Sam!");
    assertThat(allowed(length("split").review(draft))).isSameAs(draft);
  }

  @Test
  void lengthSplitsALongReplyIntoANumberedThread() {
    ReplyDraft split = allowed(length("split").review(publicReply(LONG)));
    assertThat(split.parts()).hasSize(2);
    assertThat(split.parts())
        .allSatisfy(part -> assertThat(Drafts.X.length(part)).isLessThanOrEqualTo(280));
    assertThat(split.parts().get(0)).startsWith("1/2 Thanks");
  }

  @Test
  void lengthLeavesAnAlreadySplitDraftAlone() {
    ReplyDraft split = allowed(length("split").review(publicReply(LONG)));
    assertThat(allowed(length("split").review(split))).isSameAs(split);
  }

  @Test
  void lengthRefusesWithTheLengthTheLimitAndTheWayOut() {
    ReplyDecision.Hold hold = held(length("refuse").review(publicReply(LONG)));
    assertThat(hold.reason())
        .contains(String.valueOf(Drafts.X.length(LONG)))
        .contains("280")
        .contains("public reply on x");
    assertThat(hold.guidance()).isEqualTo("Shorten it or send it as a DM with /dm.");
  }

  @Test
  void lengthHoldsAReplyThatWouldTakeTooManyPosts() {
    LengthPolicy twoAtMost =
        new LengthPolicy(
            new LengthConfig("split", 2), new Signature(new SignatureConfig(null, null)));
    ReplyDecision.Hold hold = held(twoAtMost.review(publicReply(LONG + " " + LONG)));
    assertThat(hold.reason()).contains("at most 2");
  }

  @Test
  void lengthKeepsTheSignatureOnTheLastPart() {
    Signature signature =
        new Signature(new SignatureConfig(" ^{short}", Map.of("anna.berg", "AB")));
    ReplyDraft signed = allowed(new SignaturePolicy(signature).review(publicReply(LONG)));
    ReplyDraft split =
        allowed(new LengthPolicy(new LengthConfig(null, null), signature).review(signed));
    assertThat(split.parts()).hasSize(2);
    assertThat(split.parts().get(1)).endsWith("today. ^AB");
    assertThat(String.join("", split.parts())).containsOnlyOnce("^AB");
  }

  @Test
  void signatureAppendsOnceToTheLastPart() {
    SignaturePolicy policy =
        new SignaturePolicy(
            new Signature(new SignatureConfig(" — {short}", Map.of("anna.berg", "Anna"))));
    ReplyDraft once = allowed(policy.review(publicReply("Thanks!")));
    assertThat(once.parts()).containsExactly("Thanks! — Anna");
    assertThat(allowed(policy.review(once)).parts()).containsExactly("Thanks! — Anna");
  }

  @Test
  void personalDataHoldsAPublicReplyListingWhatItFoundMasked() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(new PersonalDataConfig(null, null, null, null, null));
    ReplyDecision.Hold hold =
        held(policy.review(publicReply("Call me on (415) 555-2671 or mail sam@example.org")));
    assertThat(hold.reason())
        .isEqualTo(
            "The public reply contains personal data: phone •••• 2671, email s•••@example.org.");
    assertThat(hold.guidance())
        .contains("start the reply with /dm to send it as a private message");
  }

  @Test
  void personalDataReadsPhoneNumbersInTheConversationsRegion() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(new PersonalDataConfig(null, null, null, null, null));
    ReplyDraft thai =
        draft("โทร ๐๘๑-๒๓๔-๕๖๗๘", Visibility.PUBLIC, Enrichment.NONE.withLanguage("th"), false);
    assertThat(held(policy.review(thai)).reason()).contains("phone •••• 5678");
  }

  @Test
  void personalDataFindsAThaiMobileNumberInAnEnglishReplyWhenTheBrandServesThailand() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(
            new PersonalDataConfig(null, null, null, null, null, List.of("TH", "IR", "US")));
    ReplyDraft english =
        draft(
            "Sure, call our Bangkok desk on 081-234-5678 any time.",
            Visibility.PUBLIC,
            Enrichment.NONE.withLanguage("en"),
            false);

    assertThat(held(policy.review(english)).reason()).contains("phone •••• 5678");
  }

  @Test
  void personalDataFindsAnIranianMobileNumberInPersianDigitsInAnEnglishReply() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(
            new PersonalDataConfig(null, null, null, null, null, List.of("TH", "IR", "US")));
    ReplyDraft english =
        draft(
            "Your number ۰۹۱۲ ۳۴۵ ۶۷۸۹ is on file.",
            Visibility.PUBLIC,
            Enrichment.NONE.withLanguage("en"),
            false);

    assertThat(held(policy.review(english)).reason()).contains("phone •••• 6789");
  }

  @Test
  void personalDataByDefaultChecksTheRegionsOfTheConfiguredLanguagesAndTheDefaultRegion() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(new PersonalDataConfig(null, null, Map.of("th", "TH"), null, null));
    ReplyDraft english =
        draft("Call 081-234-5678.", Visibility.PUBLIC, Enrichment.NONE.withLanguage("en"), false);

    assertThat(held(policy.review(english)).reason()).contains("phone •••• 5678");
  }

  @Test
  void anOrderNumberIsNoPhoneNumberInAnyServedRegion() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(
            new PersonalDataConfig(null, null, null, null, null, List.of("TH", "IR", "US")));

    allowed(
        policy.review(
            draft(
                "Your order 100458 shipped; tracking follows.",
                Visibility.PUBLIC,
                Enrichment.NONE.withLanguage("en"),
                false)));
    allowed(
        policy.review(
            draft(
                "Order #2026-11873 is on its way.",
                Visibility.PUBLIC,
                Enrichment.NONE.withLanguage("en"),
                false)));
  }

  @Test
  void personalDataPassesPrivateRepliesAndOrdinaryNumbers() {
    PersonalDataPolicy policy =
        new PersonalDataPolicy(new PersonalDataConfig(null, null, null, null, null));
    allowed(policy.review(privateReply("Your card 4242 4242 4242 4242")));
    allowed(policy.review(publicReply("The 2024 model costs $1,299 and ships in 3 days.")));
  }

  @Test
  void approvalAsksASupervisorWhenARuleMatches() {
    ApprovalPolicy policy =
        new ApprovalPolicy(
            new ApprovalConfig(List.of("vip"), true, "Crisis", List.of("new.agent")));
    Enrichment vip =
        Enrichment.NONE.withInfluence(
            new Influence(Influence.Tier.VIP, 97, List.of("1M followers")));
    Enrichment negative =
        Enrichment.NONE.withSentiment(new Sentiment(Sentiment.Label.NEGATIVE, 0.9));
    Enrichment crisis = Enrichment.NONE.withField("Crisis", "yes");

    assertThat(policy.review(draft("Hi", Visibility.PUBLIC, vip, false)))
        .isEqualTo(
            new ReplyDecision.NeedsApproval(
                "A supervisor approves this reply before it is published: the author's influence is vip."));
    assertThat(
            ((ReplyDecision.NeedsApproval)
                    policy.review(draft("Hi", Visibility.PUBLIC, negative, false)))
                .reason())
        .contains("the conversation is negative");
    assertThat(
            ((ReplyDecision.NeedsApproval)
                    policy.review(draft("Hi", Visibility.PRIVATE, crisis, false)))
                .reason())
        .contains("the ticket's Crisis is yes");
  }

  @Test
  void approvalNamesANewAgent() {
    ApprovalPolicy policy =
        new ApprovalPolicy(new ApprovalConfig(null, null, null, List.of("anna.berg")));
    assertThat(policy.review(publicReply("Hi")))
        .isInstanceOf(ReplyDecision.NeedsApproval.class)
        .extracting(d -> ((ReplyDecision.NeedsApproval) d).reason())
        .asString()
        .contains("anna.berg is a new agent");
  }

  @Test
  void approvalPassesApprovedDraftsAndUnmatchedOnes() {
    ApprovalPolicy policy =
        new ApprovalPolicy(
            new ApprovalConfig(List.of("vip"), true, "Crisis", List.of("anna.berg")));
    Enrichment everything =
        Enrichment.NONE
            .withInfluence(new Influence(Influence.Tier.VIP, 97, List.of()))
            .withSentiment(new Sentiment(Sentiment.Label.NEGATIVE, 0.9))
            .withField("Crisis", "yes");
    ReplyDraft approved = draft("Hi", Visibility.PUBLIC, everything, true);
    assertThat(allowed(policy.review(approved))).isSameAs(approved);

    ApprovalPolicy strict =
        new ApprovalPolicy(new ApprovalConfig(List.of("vip"), true, "Crisis", List.of()));
    Enrichment calm =
        Enrichment.NONE
            .withInfluence(new Influence(Influence.Tier.HIGH, 70, List.of()))
            .withSentiment(new Sentiment(Sentiment.Label.POSITIVE, 0.9))
            .withField("Crisis", "no");
    allowed(strict.review(draft("Hi", Visibility.PUBLIC, calm, false)));
  }

  @Test
  void dmCommandSendsPrivatelyWithoutTheCommandLine() {
    DmCommandPolicy policy = new DmCommandPolicy(new DmConfig(null, null));
    ReplyDraft sent = allowed(policy.review(publicReply("/DM\nYour code is 1234.")));
    assertThat(sent.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(sent.parts()).containsExactly("Your code is 1234.");
    ReplyDraft plain = publicReply("No command here.");
    assertThat(allowed(policy.review(plain))).isSameAs(plain);
  }

  @Test
  void dmCommandHoldsAnEmptyMessage() {
    DmCommandPolicy policy = new DmCommandPolicy(new DmConfig(null, null));
    assertThat(held(policy.review(publicReply("/dm\n  "))).reason()).contains("no message");
  }
}
