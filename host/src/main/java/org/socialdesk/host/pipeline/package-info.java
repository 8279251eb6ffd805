/**
 * The ticket pipeline, durable end to end in the host's database: the inbox (a post is
 * acknowledged only once stored), enrichment, routing to a conversation's ticket, the helpdesk
 * step with retries, the reading of agents' replies, and the outbox that publishes each reply at
 * most once.
 */
package org.socialdesk.host.pipeline;
