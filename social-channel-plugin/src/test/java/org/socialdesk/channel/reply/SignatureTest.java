package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.SignatureConfig;

class SignatureTest {

  private final Signature initials =
      new Signature(new SignatureConfig(" ^{short}", Map.of("anna.berg", "AB")));

  @Test
  void appendsTheAgentsShortName() {
    assertThat(initials.appendTo("Thanks, Sam!\n", "anna.berg")).isEqualTo("Thanks, Sam! ^AB");
    assertThat(
            new Signature(new SignatureConfig(" — {short}", Map.of("anna.berg", "Anna")))
                .appendTo("Thanks!", "anna.berg"))
        .isEqualTo("Thanks! — Anna");
  }

  @Test
  void fallsBackToTheLoginName() {
    assertThat(initials.forAgent("bob")).isEqualTo(" ^bob");
    assertThat(new Signature(new SignatureConfig(" /{login}", null)).forAgent("bob"))
        .isEqualTo(" /bob");
  }

  @Test
  void signsOnlyOnce() {
    String signed = initials.appendTo("Thanks!", "anna.berg");
    assertThat(initials.appendTo(signed, "anna.berg")).isEqualTo(signed);
    assertThat(initials.isSigned(signed, "anna.berg")).isTrue();
  }

  @Test
  void signsNothingWithoutATemplate() {
    Signature off = new Signature(new SignatureConfig(null, null));
    assertThat(off.enabled()).isFalse();
    assertThat(off.appendTo("Thanks!", "anna.berg")).isEqualTo("Thanks!");
  }
}
