/**
 * SLA policies: which policy a conversation gets from what is known about it ({@link
 * org.socialdesk.sla.policy.Facts}), and its targets.
 */
package org.socialdesk.sla.policy;
