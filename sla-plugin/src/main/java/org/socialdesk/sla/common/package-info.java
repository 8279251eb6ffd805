/**
 * Small shared helpers of every SLA feature: the plugin's JDBC (transactions, UTC instants) and its
 * JSON writer.
 */
package org.socialdesk.sla.common;
