/** Benchmark harnesses run by the scripts in bench/; results are recorded in docs/benchmarks.md. */
package org.socialdesk.bench;
