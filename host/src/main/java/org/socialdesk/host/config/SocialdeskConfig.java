package org.socialdesk.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The whole configuration file. Every section is optional: with no file at all Socialdesk runs on
 * its embedded defaults (H2 under {@code ./data}, HTTP on 127.0.0.1:8080, no helpdesk).
 *
 * @param server the HTTP server
 * @param database the host's database
 * @param helpdesk the helpdesk connection; absent means posts wait in the inbox
 * @param pipeline concurrency and retries of the ticket pipeline
 * @param httpClient timeouts of outbound HTTP calls to networks and helpdesks
 * @param pluginsDir where plugin jars live; default {@code plugins} under the installation
 * @param plugins each plugin's own section, keyed by plugin id, bound by the plugin itself
 */
public record SocialdeskConfig(
    ServerConfig server,
    DatabaseConfig database,
    HelpdeskConfig helpdesk,
    PipelineConfig pipeline,
    HttpClientConfig httpClient,
    String pluginsDir,
    Map<String, JsonNode> plugins) {

  public SocialdeskConfig {
    server = server != null ? server : ServerConfig.DEFAULTS;
    database = database != null ? database : DatabaseConfig.DEFAULTS;
    helpdesk = helpdesk != null ? helpdesk : HelpdeskConfig.NONE;
    pipeline = pipeline != null ? pipeline : PipelineConfig.DEFAULTS;
    httpClient = httpClient != null ? httpClient : HttpClientConfig.DEFAULTS;
    plugins = plugins != null ? Map.copyOf(plugins) : Map.of();
  }

  public static final SocialdeskConfig DEFAULTS =
      new SocialdeskConfig(null, null, null, null, null, null, null);
}
