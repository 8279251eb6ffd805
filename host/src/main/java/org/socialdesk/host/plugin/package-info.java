/**
 * Plugin jars: each in its own class loader, checked against the API version it was built for,
 * started and stopped in order; a broken plugin is listed as failed and the host keeps serving. The
 * started plugins' extensions reach the pipeline as {@link org.socialdesk.host.plugin.Extensions}.
 */
package org.socialdesk.host.plugin;
