/**
 * The host's database: a HikariCP pool on H2 (embedded default) or PostgreSQL, with schemas applied
 * by Liquibase from the host's changelog and each plugin's own.
 */
package org.socialdesk.host.storage;
