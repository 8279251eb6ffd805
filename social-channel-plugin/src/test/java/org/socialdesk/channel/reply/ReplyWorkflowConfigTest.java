package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.enrich.Influence;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.ApprovalConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.DmConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.LengthConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.PersonalDataConfig;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.SignatureConfig;

class ReplyWorkflowConfigTest {

  @Test
  void defaultsNeedNoApprovalSignNothingAndSplitIntoAtMostFourPosts() {
    ReplyWorkflowConfig config = ReplyWorkflowConfig.defaults();
    assertThat(config.dm().publicNote()).isEqualTo("We've sent you a DM.");
    assertThat(config.dm().publicNotes()).isEmpty();
    assertThat(config.approval().influenceTiers()).isEmpty();
    assertThat(config.approval().negativeSentiment()).isFalse();
    assertThat(config.approval().crisisField()).isEmpty();
    assertThat(config.approval().newAgents()).isEmpty();
    assertThat(config.personalData().checks()).containsExactly("email", "phone", "card", "iban");
    assertThat(config.personalData().defaultRegion()).isEqualTo("US");
    assertThat(config.personalData().regionFor("th")).isEqualTo("TH");
    assertThat(config.personalData().regionFor(null)).isEqualTo("US");
    assertThat(config.personalData().phoneRegions()).containsExactly("US");
    assertThat(config.personalData().phoneRegionsFor("th")).containsExactly("TH", "US");
    assertThat(config.personalData().patterns()).isEmpty();
    assertThat(config.personalData().mask()).isEqualTo(4);
    assertThat(config.signature().template()).isEmpty();
    assertThat(config.signature().names()).isEmpty();
    assertThat(config.length().mode()).isEqualTo("split");
    assertThat(config.length().maxParts()).isEqualTo(4);
  }

  @Test
  void takesEveryKeyExplicitly() {
    ReplyWorkflowConfig config =
        new ReplyWorkflowConfig(
            new DmConfig("DM sent!", Map.of("TH", "ส่งข้อความส่วนตัวให้แล้วครับ")),
            new ApprovalConfig(List.of("high", "vip"), true, "Crisis", List.of("new.agent")),
            new PersonalDataConfig(
                List.of("email", "card"), "gb", Map.of("fa", "af"), Map.of("order", "ORD-\\d+"), 2),
            new SignatureConfig(" ^{short}", Map.of("anna.berg", "AB")),
            new LengthConfig("Refuse", 3));
    assertThat(config.dm().noteFor("th")).isEqualTo("ส่งข้อความส่วนตัวให้แล้วครับ");
    assertThat(config.dm().noteFor("de")).isEqualTo("DM sent!");
    assertThat(config.approval().tiers())
        .containsExactlyInAnyOrder(Influence.Tier.HIGH, Influence.Tier.VIP);
    assertThat(config.approval().negativeSentiment()).isTrue();
    assertThat(config.approval().crisisField()).isEqualTo("Crisis");
    assertThat(config.approval().newAgents()).containsExactly("new.agent");
    assertThat(config.personalData().checks()).containsExactly("email", "card");
    assertThat(config.personalData().defaultRegion()).isEqualTo("GB");
    assertThat(config.personalData().regionFor("fa")).isEqualTo("AF");
    assertThat(config.personalData().regionFor("xx")).isEqualTo("GB");
    assertThat(config.personalData().phoneRegions()).containsExactly("AF", "GB");
    assertThat(config.personalData().mask()).isEqualTo(2);
    assertThat(config.signature().template()).isEqualTo(" ^{short}");
    assertThat(config.length().splits()).isFalse();
    assertThat(config.length().maxParts()).isEqualTo(3);
  }

  @Test
  void rejectsUnknownValuesNamingTheKey() {
    assertThatThrownBy(() -> new ApprovalConfig(List.of("celebrity"), null, null, null))
        .hasMessageContaining("influence-tiers")
        .hasMessageContaining("celebrity");
    assertThatThrownBy(() -> new PersonalDataConfig(List.of("ssn"), null, null, null, null))
        .hasMessageContaining("checks");
    assertThatThrownBy(() -> new PersonalDataConfig(null, "XX", null, null, null))
        .hasMessageContaining("default-region");
    assertThatThrownBy(
            () -> new PersonalDataConfig(null, null, null, Map.of("order", "ORD-(\\d"), null))
        .hasMessageContaining("patterns.order");
    assertThatThrownBy(() -> new SignatureConfig(" ^{initials}", null))
        .hasMessageContaining("{initials}");
    assertThatThrownBy(() -> new LengthConfig("truncate", null)).hasMessageContaining("mode");
    assertThatThrownBy(() -> new LengthConfig(null, 0)).hasMessageContaining("max-parts");
  }
}
