package org.socialdesk.sla.config;

/**
 * The live wall, under {@code plugins.sla.wall}. The wall is a screen for a room: a private message
 * (a DM) is shown there marked as private with its text left out, unless the admin says the room
 * may read them.
 *
 * @param showPrivateText whether the wall shows the text of private messages; default false
 */
public record SlaWallConfig(Boolean showPrivateText) {

  public static final SlaWallConfig DEFAULTS = new SlaWallConfig(null);

  public SlaWallConfig {
    showPrivateText = showPrivateText != null ? showPrivateText : false;
  }
}
