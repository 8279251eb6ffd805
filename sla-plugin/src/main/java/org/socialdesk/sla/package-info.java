/**
 * Social SLAs: policies, clocks that start when the customer posted, escalation, reports and the
 * live wall. This package is the plugin entry ({@link org.socialdesk.sla.SlaPlugin}), which wires
 * the feature packages together, the static pages, and {@link org.socialdesk.sla.SlaBenchHook} for
 * the benchmarks. Features: {@code common} (JDBC, JSON) and {@code calendar} at the bottom; {@code
 * policy} on calendar; {@code config} on policy and calendar; {@code alert} on config; {@code
 * clock} on those; {@code report} on clock and alert; {@code wall} on clock and report.
 */
package org.socialdesk.sla;
