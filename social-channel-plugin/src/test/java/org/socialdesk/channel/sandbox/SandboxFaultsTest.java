package org.socialdesk.channel.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socialdesk.api.channel.PublishOutcome;

class SandboxFaultsTest {

  private final SandboxFaults faults = new SandboxFaults();

  @Test
  void letsEveryCallThroughByDefault() {
    assertThat(faults.describe()).isEqualTo("none");
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void countsTheSimulatedFailuresDown() throws Exception {
    faults.set("publish", "fail-next-2");

    assertThat(faults.next()).containsInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(faults.describe()).isEqualTo("fail-next-1");
    assertThat(faults.next()).containsInstanceOf(PublishOutcome.RetryLater.class);
    assertThat(faults.describe()).isEqualTo("none");
    assertThat(faults.next()).isEmpty();
  }

  @Test
  void readsAMissingCountAsOne() throws Exception {
    faults.set("publish", "reject-next");

    assertThat(faults.describe()).isEqualTo("reject-next-1");
  }

  @Test
  void replacesTheSettingAndClearsItWithNone() throws Exception {
    faults.set("publish", "fail-next-5");
    faults.set("publish", "rate-limit-next-2");
    assertThat(faults.describe()).isEqualTo("rate-limit-next-2");

    faults.set("publish", "none");
    assertThat(faults.next()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "fail",
        "fail-next-0",
        "fail-next-1001",
        "fail-next-x",
        "explode-next-2",
        "NONE"
      })
  void rejectsAnUnknownSettingNamingTheField(String setting) {
    assertThatThrownBy(() -> faults.set("publish", setting))
        .isInstanceOfSatisfying(
            SandboxInvalidRequest.class, e -> assertThat(e.field()).isEqualTo("publish"))
        .hasMessageContaining("fail-next[-N]");
  }
}
