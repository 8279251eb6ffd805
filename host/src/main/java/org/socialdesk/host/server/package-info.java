/** Assembles the host from its configuration and runs it until SIGTERM. */
package org.socialdesk.host.server;
