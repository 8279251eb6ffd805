/**
 * The host instances sharing one database: each instance's identity and heartbeat ({@link
 * org.socialdesk.host.cluster.Instances}), the rule that makes a dead instance's claims free again
 * ({@link org.socialdesk.host.cluster.Instances#UNCLAIMED}), and leases for work that one instance
 * at a time does ({@link org.socialdesk.host.cluster.Lease}). Both directions of the pipeline claim
 * their work through it.
 */
package org.socialdesk.host.cluster;
