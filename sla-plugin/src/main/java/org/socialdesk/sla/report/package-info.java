/**
 * The manager report ({@code GET /api/sla/report}) and the daily and weekly summaries sent to the
 * webhook.
 */
package org.socialdesk.sla.report;
