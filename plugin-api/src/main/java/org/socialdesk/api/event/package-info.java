/** Events the host and plugins publish on the {@link org.socialdesk.api.EventBus}. */
package org.socialdesk.api.event;
