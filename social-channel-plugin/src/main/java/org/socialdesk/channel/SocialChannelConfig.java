package org.socialdesk.channel;

/**
 * The social-channel plugin's section, {@code plugins.social-channel}.
 *
 * @param sandbox the sandbox network, for trying Socialdesk without accounts
 */
public record SocialChannelConfig(SandboxConfig sandbox) {

  public SocialChannelConfig {
    sandbox = sandbox != null ? sandbox : new SandboxConfig(null);
  }

  /**
   * @param enabled whether the sandbox network is on; default false
   */
  public record SandboxConfig(Boolean enabled) {
    public SandboxConfig {
      enabled = enabled != null ? enabled : false;
    }
  }
}
