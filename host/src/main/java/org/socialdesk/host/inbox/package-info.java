/**
 * The inbound direction of the ticket pipeline, durable in the host's database: the inbox (a post
 * is acknowledged only once stored, what cannot be processed goes to quarantine), the ordering of
 * stored events by conversation, and the worker that enriches each post and routes it to its
 * conversation's ticket with retries. {@link org.socialdesk.host.inbox.Intake} is its entry point.
 */
package org.socialdesk.host.inbox;
