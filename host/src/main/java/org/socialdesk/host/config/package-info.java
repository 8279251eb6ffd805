/**
 * The configuration file: one YAML file bound onto records, with {@code ${ENV_VAR}} expansion,
 * secrets that never print, and every problem reported with its key, file and line.
 */
package org.socialdesk.host.config;
