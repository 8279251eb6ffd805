package org.socialdesk.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.meta.MetaStubs.COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.CUSTOMER;
import static org.socialdesk.channel.meta.MetaStubs.IG_COMMENT;
import static org.socialdesk.channel.meta.MetaStubs.IG_MEDIA;
import static org.socialdesk.channel.meta.MetaStubs.NOW;
import static org.socialdesk.channel.meta.MetaStubs.PAGE_POST;
import static org.socialdesk.channel.meta.MetaStubs.PSID;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.reply.ReplyDecision;
import org.socialdesk.api.reply.ReplyDraft;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.SettableClock;
import org.socialdesk.testkit.TestingDatabase;

class MetaReplyPolicyTest {

  private final SettableClock clock = new SettableClock(NOW);
  private final DataSource db = TestingDatabase.create(ChannelChangelog.RESOURCE);
  private final MetaItems items = new MetaItems(db);
  private final MetaPrivateReplies privateReplies = new MetaPrivateReplies(db, clock);

  @Test
  void holdsAMessengerReplyOutsideTheWindowSayingWhyAndUntilWhen() {
    Instant last = Instant.parse("2026-05-02T09:00:00Z");
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            "m_1",
            MetaItem.Kind.MESSAGE,
            null,
            null,
            PSID,
            false,
            false,
            last));

    ReplyDecision decision =
        policy(false)
            .review(
                draft(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, Visibility.PRIVATE, last));

    assertThat(decision)
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class,
            hold -> {
              assertThat(hold.reason())
                  .contains(
                      "2026-05-02T09:00:00Z",
                      "within 24 hours (until 2026-05-03T09:00:00Z)",
                      "until the customer writes again");
              assertThat(hold.guidance()).contains("next message");
            });
  }

  @Test
  void letsItGoWithinSevenDaysWhenTheAppHasTheHumanAgentTagAndHoldsItAfter() {
    Instant last = NOW.minus(Duration.ofDays(6));
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            "m_1",
            MetaItem.Kind.MESSAGE,
            null,
            null,
            PSID,
            false,
            false,
            last));
    ReplyDraft draft =
        draft(MetaNetwork.FACEBOOK, "m_1", Visibility.PRIVATE, Visibility.PRIVATE, last);

    assertThat(policy(true).review(draft)).isInstanceOf(ReplyDecision.Allow.class);
    clock.advance(Duration.ofDays(1).plusSeconds(1));
    assertThat(policy(true).review(draft))
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class,
            hold -> assertThat(hold.reason()).contains("HUMAN_AGENT tag, within 7 days (until"));
  }

  @Test
  void holdsAPublicReplyToAHiddenOrLiveCommentAndPointsToDm() {
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            true,
            false,
            NOW));
    items.record(
        new MetaItem(
            MetaNetwork.INSTAGRAM,
            IG_COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            IG_MEDIA,
            CUSTOMER,
            false,
            true,
            NOW));

    assertThat(
            policy(false)
                .review(
                    draft(
                        MetaNetwork.FACEBOOK, COMMENT, Visibility.PUBLIC, Visibility.PUBLIC, NOW)))
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class, hold -> assertThat(hold.reason()).contains("hidden"));
    assertThat(
            policy(false)
                .review(
                    draft(
                        MetaNetwork.INSTAGRAM,
                        IG_COMMENT,
                        Visibility.PUBLIC,
                        Visibility.PUBLIC,
                        NOW)))
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class,
            hold -> {
              assertThat(hold.reason()).contains("Live comments");
              assertThat(hold.guidance()).contains("/dm");
            });
  }

  @Test
  void allowsOnePrivateReplyPerCommentWithinSevenDays() {
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            false,
            false,
            NOW.minus(Duration.ofDays(2))));
    ReplyDraft dm =
        draft(
            MetaNetwork.FACEBOOK,
            COMMENT,
            Visibility.PUBLIC,
            Visibility.PRIVATE,
            NOW.minus(Duration.ofDays(2)));

    assertThat(policy(false).review(dm)).isInstanceOf(ReplyDecision.Allow.class);
    privateReplies.claim(MetaNetwork.FACEBOOK, COMMENT);
    assertThat(policy(false).review(dm))
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class,
            hold -> assertThat(hold.reason()).contains("one per comment"));
  }

  @Test
  void holdsAPrivateReplyToACommentOlderThanSevenDays() {
    Instant written = NOW.minus(Duration.ofDays(8));
    items.record(
        new MetaItem(
            MetaNetwork.FACEBOOK,
            COMMENT,
            MetaItem.Kind.COMMENT,
            null,
            PAGE_POST,
            CUSTOMER,
            false,
            false,
            written));

    assertThat(
            policy(false)
                .review(
                    draft(
                        MetaNetwork.FACEBOOK,
                        COMMENT,
                        Visibility.PUBLIC,
                        Visibility.PRIVATE,
                        written)))
        .isInstanceOfSatisfying(
            ReplyDecision.Hold.class,
            hold ->
                assertThat(hold.reason())
                    .contains("within 7 days", written.plus(Duration.ofDays(7)).toString()));
  }

  @Test
  void leavesOtherNetworksAlone() {
    SocialPost x =
        new SocialPost(
            new PostKey("x", "1"),
            "1",
            null,
            Author.of("x", "2", "nadia"),
            "hi",
            Instant.EPOCH,
            Visibility.PRIVATE,
            null,
            Engagement.NONE,
            Map.of());
    ReplyDraft draft =
        new ReplyDraft(
            new TicketRef("rt", "1"),
            "anna",
            x,
            Enrichment.NONE,
            Visibility.PRIVATE,
            List.of("Hi"),
            false,
            MetaChannel.FACEBOOK_LIMIT);

    assertThat(policy(false).review(draft)).isInstanceOf(ReplyDecision.Allow.class);
  }

  private MetaReplyPolicy policy(boolean humanAgentTag) {
    return new MetaReplyPolicy(items, privateReplies, humanAgentTag, clock);
  }

  private static ReplyDraft draft(
      MetaNetwork network,
      String answering,
      Visibility answeringVisibility,
      Visibility visibility,
      Instant postedAt) {
    SocialPost post =
        new SocialPost(
            new PostKey(network.id(), answering),
            answering,
            null,
            Author.of(network.id(), CUSTOMER, "nadia"),
            "hi",
            postedAt,
            answeringVisibility,
            null,
            Engagement.NONE,
            Map.of());
    return new ReplyDraft(
        new TicketRef("rt", "1"),
        "anna",
        post,
        Enrichment.NONE,
        visibility,
        List.of("Hello"),
        false,
        MetaChannel.FACEBOOK_LIMIT);
  }
}
