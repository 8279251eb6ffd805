/** Outbound HTTP clients for plugins, one per peer, configured once by the host. */
package org.socialdesk.host.httpclient;
