/**
 * The SLA plugin's benchmarks (bench/sla.sh, bench/sla-wall.sh): in process against the plugin's
 * public feature classes and {@link org.socialdesk.sla.SlaBenchHook}; results in
 * docs/benchmarks.md.
 */
package org.socialdesk.bench.sla;
