/**
 * Delivering warnings and breaches from the {@code sla_alert} outbox to the ticket and the signed
 * webhook.
 */
package org.socialdesk.sla.alert;
