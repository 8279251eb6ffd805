package org.socialdesk.channel;

import org.socialdesk.channel.reply.ReplyWorkflowConfig;

/**
 * The social-channel plugin's section, {@code plugins.social-channel}.
 *
 * @param sandbox the sandbox network, for trying Socialdesk without accounts
 * @param reply the checks every reply passes before it is published (docs/reply-checks.md)
 */
public record SocialChannelConfig(SandboxConfig sandbox, ReplyWorkflowConfig reply) {

  public SocialChannelConfig {
    sandbox = sandbox != null ? sandbox : new SandboxConfig(null);
    reply = reply != null ? reply : ReplyWorkflowConfig.defaults();
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
