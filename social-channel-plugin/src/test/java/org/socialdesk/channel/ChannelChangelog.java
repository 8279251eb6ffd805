package org.socialdesk.channel;

/** Where the social-channel plugin's Liquibase changelog is, for {@code TestingDatabase}. */
public final class ChannelChangelog {

  /** The class-path resource the host applies for this plugin. */
  public static final String RESOURCE = "org/socialdesk/channel/changelog.yaml";

  private ChannelChangelog() {}
}
