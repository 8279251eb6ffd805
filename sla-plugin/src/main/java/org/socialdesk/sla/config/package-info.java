/**
 * The {@code plugins.sla} configuration section and its compilation, refusing bad input at start:
 * policies and matches into {@link org.socialdesk.sla.policy.SlaPolicies}, calendars into {@link
 * org.socialdesk.sla.calendar.BusinessCalendar}s, summaries into schedules. See
 * sla-plugin/docs/sla-config.md.
 */
package org.socialdesk.sla.config;
