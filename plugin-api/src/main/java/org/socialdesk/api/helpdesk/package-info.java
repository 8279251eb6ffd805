/**
 * The helpdesk side: {@link org.socialdesk.api.helpdesk.HelpdeskGateway} hides which helpdesk
 * (Request Tracker first, Zammad next) keeps the tickets.
 */
package org.socialdesk.api.helpdesk;
