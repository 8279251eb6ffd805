package org.socialdesk.sla.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.sla.SlaConfigs.businessHours;
import static org.socialdesk.sla.SlaConfigs.calendars;
import static org.socialdesk.sla.SlaConfigs.config;
import static org.socialdesk.sla.SlaConfigs.rule;
import static org.socialdesk.sla.SlaConfigs.sentiment;
import static org.socialdesk.sla.SlaConfigs.visibility;
import static org.socialdesk.sla.SlaConfigs.weekdays;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Enrichment;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.api.enrich.Influence.Tier;
import org.socialdesk.api.enrich.Intent;
import org.socialdesk.api.enrich.Sentiment;
import org.socialdesk.api.enrich.Sentiment.Label;
import org.socialdesk.api.helpdesk.TicketRef;
import org.socialdesk.api.social.Author;
import org.socialdesk.api.social.Engagement;
import org.socialdesk.api.social.PostKey;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;
import org.socialdesk.sla.TestCalendars;
import org.socialdesk.sla.calendar.BusinessCalendar;
import org.socialdesk.sla.clock.SlaClock;
import org.socialdesk.sla.config.SlaConfig;
import org.socialdesk.sla.config.SlaMatchConfig;
import org.socialdesk.sla.config.SlaPolicyConfig;

class SlaPoliciesTest {

  private static final SlaMatchConfig VIP_NEGATIVE =
      new SlaMatchConfig(null, null, null, List.of("negative"), List.of("vip", "high"), null, null);

  private final SlaPolicies policies =
      config(
              rule("vip-negative", VIP_NEGATIVE, null, "15m", null, null),
              rule("negative", sentiment("negative"), null, "30m", null, null),
              rule("private", visibility("private"), null, "45m", null, null))
          .slaPolicies();

  private static Facts facts(Visibility visibility, Label sentiment, Tier influence) {
    return new Facts("x", visibility, "en", sentiment, influence, Intent.COMPLAINT, null);
  }

  @Test
  void firstMatchingRuleWinsInTheOrderWritten() {
    assertThat(policies.match(facts(Visibility.PRIVATE, Label.NEGATIVE, Tier.VIP)).name())
        .isEqualTo("vip-negative");
    assertThat(policies.match(facts(Visibility.PRIVATE, Label.NEGATIVE, Tier.LOW)).name())
        .isEqualTo("negative");
    assertThat(policies.match(facts(Visibility.PRIVATE, Label.POSITIVE, Tier.VIP)).name())
        .isEqualTo("private");
  }

  @Test
  void ruleNeedsEveryGivenFactAndAcceptsAnyListedValue() {
    assertThat(policies.match(facts(Visibility.PUBLIC, Label.NEGATIVE, Tier.HIGH)).name())
        .isEqualTo("vip-negative");
    assertThat(policies.match(facts(Visibility.PUBLIC, Label.NEUTRAL, Tier.HIGH)).name())
        .isEqualTo("default");
  }

  @Test
  void factThatIsNotKnownDoesNotSatisfyACondition() {
    assertThat(policies.match(facts(Visibility.PUBLIC, null, Tier.VIP)).name())
        .isEqualTo("default");
    assertThat(policies.match(Facts.NONE).name()).isEqualTo("default");
  }

  @Test
  void conversationNoRuleMatchesGetsTheBuiltInDefault() {
    SlaPolicy fallback = policies.match(facts(Visibility.PUBLIC, Label.POSITIVE, Tier.LOW));

    assertThat(fallback.calendar()).isEqualTo(BusinessCalendar.ALWAYS_OPEN);
    assertThat(fallback.firstResponse()).isEqualTo(Duration.ofHours(1));
    assertThat(fallback.nextResponse()).isEqualTo(Duration.ofHours(1));
    assertThat(fallback.resolution()).isEqualTo(Duration.ofDays(1));
    assertThat(fallback.warningAt()).isEqualTo(0.8);
  }

  @Test
  void ruleNamedDefaultIsTheFallbackWhereverItStands() {
    SlaPolicies withDefault =
        config(
                rule("default", null, null, "2h", null, null),
                rule("negative", sentiment("negative"), null, "30m", null, null))
            .slaPolicies();

    assertThat(withDefault.match(facts(Visibility.PUBLIC, Label.NEGATIVE, null)).name())
        .isEqualTo("negative");
    SlaPolicy fallback = withDefault.match(facts(Visibility.PUBLIC, Label.POSITIVE, null));
    assertThat(fallback.name()).isEqualTo("default");
    assertThat(fallback.firstResponse()).isEqualTo(Duration.ofHours(2));
    assertThat(withDefault.rules()).extracting(SlaPolicy::name).containsExactly("negative");
  }

  @Test
  void keysARuleLeavesOutComeFromTheDefaultRule() {
    SlaPolicies inherited =
        config(
                calendars("office", businessHours("Asia/Bangkok", weekdays("09:00-18:00"))),
                rule("negative", sentiment("negative"), null, "30m", null, null),
                rule("default", null, "office", "1h", "2h", "3d"))
            .slaPolicies();

    SlaPolicy negative = inherited.match(facts(Visibility.PUBLIC, Label.NEGATIVE, null));
    assertThat(negative.calendarName()).isEqualTo("office");
    assertThat(negative.firstResponse()).isEqualTo(Duration.ofMinutes(30));
    assertThat(negative.nextResponse()).isEqualTo(Duration.ofHours(2));
    assertThat(negative.resolution()).isEqualTo(Duration.ofDays(3));
  }

  @Test
  void keysARuleLeavesOutComeFromTheBuiltInDefaultWhenNoRuleIsNamedDefault() {
    SlaPolicy negative = policies.match(facts(Visibility.PUBLIC, Label.NEGATIVE, Tier.LOW));

    assertThat(negative.calendarName()).isEqualTo("24x7");
    assertThat(negative.nextResponse()).isEqualTo(Duration.ofHours(1));
    assertThat(negative.resolution()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void ruleWarningFractionOverridesTheSectionsOne() {
    SlaPolicies custom =
        new SlaConfig(
                null,
                0.9,
                Map.of(),
                List.of(
                    new SlaPolicyConfig("fast", sentiment("negative"), null, null, null, null, 0.5),
                    rule("slow", visibility("public"))),
                null,
                null)
            .slaPolicies();

    assertThat(custom.match(facts(Visibility.PUBLIC, Label.NEGATIVE, null)).warningAt())
        .isEqualTo(0.5);
    assertThat(custom.match(facts(Visibility.PUBLIC, Label.POSITIVE, null)).warningAt())
        .isEqualTo(0.9);
    assertThat(custom.match(Facts.NONE).warningAt()).isEqualTo(0.9);
  }

  @Test
  void matchValuesIgnoreCase() {
    SlaPolicies mixed =
        config(
                rule(
                    "thai-x",
                    new SlaMatchConfig(
                        List.of("X"),
                        List.of("Public"),
                        List.of("TH"),
                        List.of("Negative"),
                        List.of("VIP"),
                        List.of("Purchase-Intent"),
                        List.of("Social-VIP"))))
            .slaPolicies();
    Facts facts =
        new Facts(
            "x",
            Visibility.PUBLIC,
            "th",
            Label.NEGATIVE,
            Tier.VIP,
            Intent.PURCHASE_INTENT,
            "social-vip");

    assertThat(mixed.match(facts).name()).isEqualTo("thai-x");
    assertThat(mixed.match(new Facts("X", null, null, null, null, null, null)).name())
        .isEqualTo("default");
  }

  @Test
  void factsOfAPostTakeItsNetworkAndVisibilityAndWhatEnrichersFound() {
    Enrichment enrichment =
        Enrichment.NONE
            .withSentiment(new Sentiment(Label.NEGATIVE, 0.93))
            .withLanguage("TH")
            .withInfluence(new Influence(Tier.VIP, 97, List.of("verified")))
            .withIntent(Intent.COMPLAINT)
            .withQueue("social-sales");

    assertThat(Facts.of(post(Visibility.PRIVATE), enrichment, "social-vip"))
        .isEqualTo(
            new Facts(
                "mastodon",
                Visibility.PRIVATE,
                "th",
                Label.NEGATIVE,
                Tier.VIP,
                Intent.COMPLAINT,
                "social-vip"));
    assertThat(Facts.of(post(Visibility.PUBLIC), enrichment, null).queue())
        .isEqualTo("social-sales");
    assertThat(Facts.of(post(Visibility.PUBLIC), Enrichment.NONE, null))
        .isEqualTo(new Facts("mastodon", Visibility.PUBLIC, null, null, null, null, null));
  }

  @Test
  void vipComplaintOnFridayEveningIsDueInFifteenMinutesWhileOthersWaitForMonday() {
    SlaPolicies office =
        config(
                calendars("office", businessHours("Europe/Berlin", weekdays("09:00-18:00"))),
                rule("vip-negative", VIP_NEGATIVE, "24x7", "15m", null, null),
                rule("default", null, "office", "1h", "2h", "1d"))
            .slaPolicies();
    Instant friday = TestCalendars.at("Europe/Berlin", "2026-03-13T19:30");
    Enrichment angryVip =
        Enrichment.NONE
            .withSentiment(new Sentiment(Label.NEGATIVE, 0.9))
            .withInfluence(new Influence(Tier.VIP, 99, List.of()));
    TicketRef ticket = new TicketRef("rt", "1");

    SlaPolicy vip = office.match(Facts.of(post(Visibility.PUBLIC), angryVip, null));
    SlaPolicy other = office.match(Facts.of(post(Visibility.PUBLIC), Enrichment.NONE, null));

    assertThat(SlaClock.start(ticket, SlaTarget.FIRST_RESPONSE, vip, friday).dueAt())
        .isEqualTo(friday.plus(Duration.ofMinutes(15)));
    assertThat(SlaClock.start(ticket, SlaTarget.FIRST_RESPONSE, other, friday).dueAt())
        .isEqualTo(TestCalendars.at("Europe/Berlin", "2026-03-16T10:00"));
  }

  private static SocialPost post(Visibility visibility) {
    return new SocialPost(
        new PostKey("mastodon", "109"),
        "109",
        null,
        Author.of("mastodon", "a1", "alice"),
        "still broken",
        Instant.parse("2026-03-13T18:30:00Z"),
        visibility,
        null,
        Engagement.NONE,
        Map.of());
  }
}
