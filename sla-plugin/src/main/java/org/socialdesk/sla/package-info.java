/** Social SLAs: policies, clocks that start when the customer posted, escalation, reports and the live wall. */
package org.socialdesk.sla;
