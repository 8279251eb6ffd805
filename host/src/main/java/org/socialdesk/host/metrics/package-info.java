/** Metrics through Micrometer, exposed in Prometheus text format. */
package org.socialdesk.host.metrics;
