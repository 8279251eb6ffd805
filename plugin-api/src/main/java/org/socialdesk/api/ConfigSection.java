package org.socialdesk.api;

/**
 * A plugin's section of the configuration file.
 *
 * <p>{@link #bind} maps it onto a record of the plugin's own: unknown keys and wrong types fail
 * with the key path, the file and the line; {@code ${ENV_VAR}} values are expanded; fields of type
 * {@link Secret} never print their value.
 */
public interface ConfigSection {

  /** Whether the file has this section at all. */
  boolean isPresent();

  /**
   * Binds the section to {@code type}; an absent section binds as an empty one, so defaults in the
   * record's constructor apply.
   *
   * @throws ConfigException naming the key, the file and the line
   */
  <T> T bind(Class<T> type);
}
