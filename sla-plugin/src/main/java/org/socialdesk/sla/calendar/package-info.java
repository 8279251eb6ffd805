/**
 * Business calendars: the open hours per weekday, holidays and time zone that SLA clocks count
 * business time in.
 */
package org.socialdesk.sla.calendar;
