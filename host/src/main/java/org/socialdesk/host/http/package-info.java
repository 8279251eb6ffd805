/**
 * The embedded Jetty server: health, readiness, metrics, admin endpoints and plugin servlets, with
 * the admin token required on everything not declared public.
 */
package org.socialdesk.host.http;
