/** The {@code socialdesk} command line (picocli). */
package org.socialdesk.host.cli;
