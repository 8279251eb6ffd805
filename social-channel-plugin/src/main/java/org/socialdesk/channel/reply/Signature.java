package org.socialdesk.channel.reply;

import java.util.Objects;
import org.socialdesk.channel.reply.ReplyWorkflowConfig.SignatureConfig;

/** The agent's signature, from the configured template and short names. */
final class Signature {

  private final SignatureConfig config;

  Signature(SignatureConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  boolean enabled() {
    return !config.template().isBlank();
  }

  /** The signature for {@code login}, or the empty string when signatures are off. */
  String forAgent(String login) {
    if (!enabled()) {
      return "";
    }
    String shortName = config.names().getOrDefault(login, login);
    return config.template().replace("{login}", login).replace("{short}", shortName);
  }

  /** {@code text} with the agent's signature at its end, once: signing twice changes nothing. */
  String appendTo(String text, String login) {
    String signature = forAgent(login);
    if (signature.isEmpty() || isSigned(text, login)) {
      return text;
    }
    return text.stripTrailing() + signature;
  }

  /** Whether {@code text} already ends with the agent's signature. */
  boolean isSigned(String text, String login) {
    String signature = forAgent(login);
    return !signature.isEmpty() && text.stripTrailing().endsWith(signature.stripTrailing());
  }
}
