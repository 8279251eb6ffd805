/** The in-process event bus between the host and plugins. */
package org.socialdesk.host.events;
