package org.socialdesk.sla.config;

import java.net.URI;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.Secret;

/**
 * A JSON webhook that receives every SLA alert, signed in the Standard Webhooks style, under {@code
 * plugins.sla.outlets.webhook}.
 *
 * @param url where alerts are POSTed, {@code http} or {@code https}; required
 * @param secret the HMAC-SHA256 signing key, at least 24 characters (Standard Webhooks asks for 24
 *     bytes); required; write {@code ${SLA_WEBHOOK_SECRET}} to keep it out of the file
 */
public record SlaWebhookConfig(URI url, Secret secret) {

  public SlaWebhookConfig {
    if (url == null) {
      throw new ConfigException(
          "outlets.webhook.url: required, e.g. https://alerts.example.com/sla");
    }
    String scheme =
        url.getScheme() == null ? "" : url.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new ConfigException("outlets.webhook.url: must be http or https, got " + url);
    }
    if (secret == null || secret.isEmpty()) {
      throw new ConfigException("outlets.webhook.secret: required, at least 24 characters");
    }
    if (secret.reveal().length() < 24) {
      throw new ConfigException(
          "outlets.webhook.secret: must be at least 24 characters, got "
              + secret.reveal().length());
    }
  }
}
