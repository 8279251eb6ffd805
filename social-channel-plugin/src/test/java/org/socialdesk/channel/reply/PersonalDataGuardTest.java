package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.PersonalDataConfig;

class PersonalDataGuardTest {

  private final PersonalDataGuard guard =
      new PersonalDataGuard(new PersonalDataConfig(null, null, null, null, null));

  private static List<String> kinds(List<Finding> findings) {
    return findings.stream().map(Finding::kind).toList();
  }

  private static String quoted(String text, Finding finding) {
    return text.substring(finding.start(), finding.end());
  }

  @Test
  void findsEmailPhoneAndCardInEnglish() {
    String text =
        "Write to anna.berg@example.com or call (415) 555-2671; card 4242 4242 4242 4242 was charged.";
    List<Finding> findings = guard.find(text, "US");
    assertThat(kinds(findings)).containsExactly("email", "phone", "card");
    assertThat(findings.get(0).masked()).isEqualTo("a•••@example.com");
    assertThat(quoted(text, findings.get(1))).isEqualTo("(415) 555-2671");
    assertThat(findings.get(1).masked()).isEqualTo("•••• 2671");
    assertThat(quoted(text, findings.get(2))).isEqualTo("4242 4242 4242 4242");
    assertThat(findings.get(2).masked()).isEqualTo("•••• 4242");
  }

  @Test
  void findsAPhoneNumberWrittenInThaiDigits() {
    String text = "โทร ๐๘๑-๒๓๔-๕๖๗๘ ได้เลยครับ";
    List<Finding> findings = guard.find(text, "TH");
    assertThat(kinds(findings)).containsExactly("phone");
    assertThat(quoted(text, findings.get(0))).isEqualTo("๐๘๑-๒๓๔-๕๖๗๘");
    assertThat(findings.get(0).masked()).isEqualTo("•••• 5678");
  }

  @Test
  void findsACardNumberWrittenInPersianDigits() {
    String text = "شماره کارت ۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲ است";
    List<Finding> findings = guard.find(text, "IR");
    assertThat(kinds(findings)).containsExactly("card");
    assertThat(quoted(text, findings.get(0))).isEqualTo("۴۲۴۲ ۴۲۴۲ ۴۲۴۲ ۴۲۴۲");
  }

  @Test
  void findsAPhoneNumberWrittenInArabicIndicDigits() {
    String text = "اتصل على ٠٥٠١٢٣٤٥٦٧ من فضلك";
    List<Finding> findings = guard.find(text, "SA");
    assertThat(kinds(findings)).containsExactly("phone");
    assertThat(quoted(text, findings.get(0))).isEqualTo("٠٥٠١٢٣٤٥٦٧");
  }

  @Test
  void findsFullwidthAndMathematicalDigitsAndMapsBackAcrossSurrogates() {
    String text = "𝟒𝟐𝟒𝟐 card ４２４２－４２４２－４２４２－４２４２";
    List<Finding> findings = guard.find(text, "US");
    assertThat(kinds(findings)).containsExactly("card");
    assertThat(quoted(text, findings.get(0))).isEqualTo("４２４２－４２４２－４２４２－４２４２");
  }

  @Test
  void findsInternationalNumbersWhateverTheRegion() {
    String text = "Call our Bangkok office on +66 2 123 4567.";
    assertThat(kinds(guard.find(text, "US"))).containsExactly("phone");
  }

  @Test
  void ignoresA16DigitNumberThatFailsTheLuhnCheck() {
    assertThat(guard.find("Reference 4242 4242 4242 4241 noted.", "US")).isEmpty();
    assertThat(guard.find("Reference 1234567812345678 noted.", "US")).isEmpty();
  }

  @Test
  void findsTheCardWhenTheExpiryDateFollowsIt() {
    String text = "4242 4242 4242 4242 12/26";
    List<Finding> findings = guard.find(text, "US");
    assertThat(kinds(findings)).containsExactly("card");
    assertThat(quoted(text, findings.get(0))).isEqualTo("4242 4242 4242 4242");
  }

  @Test
  void ignoresPricesYearsDurationsAndTrackingNumbers() {
    String text =
        "Your refund of $1,299.00 (or ฿45,900) for the 2024 model arrives in 3 days; "
            + "since 2019 we ship 10,000 parcels a day. Tracking 1Z999AA10123456784, ticket #48213, "
            + "version 12.4.1, on 2026-03-01 at 10:30.";
    assertThat(guard.find(text, "US")).isEmpty();
    assertThat(guard.find(text, "TH")).isEmpty();
  }

  @Test
  void findsValidIbansOnly() {
    String text = "IBAN DE89 3704 0044 0532 0130 00 OK, not DE89 3704 0044 0532 0130 01.";
    List<Finding> findings = guard.find(text, "DE");
    assertThat(kinds(findings)).containsExactly("iban");
    assertThat(quoted(text, findings.get(0))).isEqualTo("DE89 3704 0044 0532 0130 00");
    assertThat(findings.get(0).masked()).isEqualTo("•••• 3000");
  }

  @Test
  void findsConfiguredPatternsInAnyScriptsDigits() {
    PersonalDataGuard withOrders =
        new PersonalDataGuard(
            new PersonalDataConfig(null, null, null, Map.of("order-number", "ORD-\\d{6}"), null));
    String text = "เลขที่ ORD-๑๒๓๔๕๖ และ ORD-123456";
    List<Finding> findings = withOrders.find(text, "TH");
    assertThat(kinds(findings)).containsExactly("order-number", "order-number");
    assertThat(quoted(text, findings.get(0))).isEqualTo("ORD-๑๒๓๔๕๖");
    assertThat(findings.get(1).masked()).isEqualTo("•••• 3456");
  }

  @Test
  void runsOnlyTheConfiguredChecks() {
    PersonalDataGuard emailsOnly =
        new PersonalDataGuard(new PersonalDataConfig(List.of("email"), null, null, null, null));
    assertThat(kinds(emailsOnly.find("a@b.io 4242 4242 4242 4242 (415) 555-2671", "US")))
        .containsExactly("email");
    PersonalDataGuard none =
        new PersonalDataGuard(new PersonalDataConfig(List.of(), null, null, null, null));
    assertThat(none.enabled()).isFalse();
  }

  @Test
  void checksLuhnAndMod97() {
    assertThat(PersonalDataGuard.luhn("4242424242424242")).isTrue();
    assertThat(PersonalDataGuard.luhn("4242424242424241")).isFalse();
    assertThat(PersonalDataGuard.mod97("GB82WEST12345698765432")).isTrue();
    assertThat(PersonalDataGuard.mod97("GB82WEST12345698765433")).isFalse();
  }
}
