/**
 * Helpdesk connections behind the plugin API's HelpdeskGateway; Request Tracker in {@code
 * helpdesk.rt}.
 */
package org.socialdesk.host.helpdesk;
