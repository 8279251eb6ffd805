/** Hooks for service-level agreements on social tickets. */
package org.socialdesk.api.sla;
