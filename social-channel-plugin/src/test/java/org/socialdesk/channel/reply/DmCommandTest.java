package org.socialdesk.channel.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DmCommandTest {

  @Test
  void removesTheCommandLine() {
    assertThat(DmCommand.parse("/dm\nYour code is 1234."))
        .contains(new DmCommand(false, "Your code is 1234."));
    assertThat(DmCommand.parse("/DM \r\nHi")).contains(new DmCommand(false, "Hi"));
  }

  @Test
  void keepsTextAfterTheCommandOnItsLine() {
    assertThat(DmCommand.parse("/dm Hi Sam,\nyour code is 1234."))
        .contains(new DmCommand(false, "Hi Sam,\nyour code is 1234."));
  }

  @Test
  void recognisesThePublicNoteVariant() {
    assertThat(DmCommand.parse("/Dm+\nHi")).contains(new DmCommand(true, "Hi"));
  }

  @Test
  void ignoresRepliesWithoutTheCommand() {
    assertThat(DmCommand.parse("Hi /dm")).isEmpty();
    assertThat(DmCommand.parse("/dmx hi")).isEmpty();
    assertThat(DmCommand.parse("/direct hi")).isEmpty();
    assertThat(DmCommand.parse("Hi\n/dm")).isEmpty();
  }
}
