/**
 * SLA clocks: started, answered and withdrawn from the host's events, warned and breached by the
 * once-a-second tick, the ticket's Due kept on its earliest deadline, and the report's rollup kept
 * in the same transactions. See sla-plugin/docs/sla-semantics.md.
 */
package org.socialdesk.sla.clock;
