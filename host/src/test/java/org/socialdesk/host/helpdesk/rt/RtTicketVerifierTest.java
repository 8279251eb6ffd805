package org.socialdesk.host.helpdesk.rt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.helpdesk.CustomerRef;
import org.socialdesk.api.helpdesk.TicketRef;

class RtTicketVerifierTest {

  @Test
  void theCheckAsksForTheBatchsTicketsThatLackTheRequestorOrAnyOfTheFieldsSent() {
    String query =
        RtTicketVerifier.lackingQuery(
            List.of("41", "42"), new java.util.TreeSet<>(Set.of("7", "3")));

    assertThat(query)
        .isEqualTo(
            "(id = 41 OR id = 42) AND (Requestor.id IS NULL OR 'CF.{3}' IS NULL OR 'CF.{7}' IS NULL)");
  }

  @Test
  void aTicketSentNoFieldsIsStillCheckedForItsRequestor() {
    assertThat(RtTicketVerifier.lackingQuery(List.of("41"), Set.of()))
        .isEqualTo("(id = 41) AND (Requestor.id IS NULL)");
  }

  @Test
  void theRequestorIsMissingWhenRtNamesSomeoneElseOrNoOne() {
    RtTicketVerifier.Expected sent =
        new RtTicketVerifier.Expected(
            new TicketRef("rt", "41"),
            Map.of("7", "negative"),
            new CustomerRef("29", "sandbox.alice"));

    assertThat(
            RtTicketVerifier.loss(
                    sent,
                    new RtTicketVerifier.ReadBack(
                        Map.of("7", List.of("negative")), List.of("sandbox.alice")))
                .isEmpty())
        .isTrue();
    assertThat(
            RtTicketVerifier.loss(
                    sent,
                    new RtTicketVerifier.ReadBack(Map.of("7", List.of("negative")), List.of()))
                .requestor())
        .isTrue();
    assertThat(
            RtTicketVerifier.loss(
                sent, new RtTicketVerifier.ReadBack(Map.of(), List.of("sandbox.bob"))))
        .isEqualTo(new RtTicketVerifier.Loss(Map.of("7", "negative"), true));
  }

  @Test
  void idsThatAreNotNumbersNeverReachTheQuery() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> RtTicketVerifier.lackingQuery(List.of("41) OR (1=1"), Set.of("7")))
        .isInstanceOf(NumberFormatException.class);
  }

  @Test
  void onlyFieldsSentOneNonBlankValueAreCheckedForPresence() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("3", "x:1");
    values.put("7", "negative");
    values.put("8", " ");
    values.put("9", List.of("en"));
    values.put("10", List.of("a", "b"));
    values.put("11", List.of());

    assertThat(RtTicketVerifier.singleValuedFields(values)).containsExactly("3", "7", "9");
  }

  @Test
  void aValueIsMissingWhenRtHoldsSomethingElseOrNothing() {
    Map<String, Object> sent = Map.of("7", "negative", "3", "x:1", "10", List.of("a", "b"));

    assertThat(
            RtTicketVerifier.missing(
                sent,
                Map.of("7", List.of("negative"), "3", List.of("x:1"), "10", List.of("b", "a"))))
        .isEmpty();
    assertThat(
            RtTicketVerifier.missing(
                sent, Map.of("7", List.of(), "3", List.of("x:1"), "10", List.of("a"))))
        .containsOnlyKeys("7", "10");
  }
}
