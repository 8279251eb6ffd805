/**
 * The reply direction of the ticket pipeline, durable in the host's database: reading agents'
 * replies from the helpdesk, the reply policies, the outbox that publishes each reply at most once,
 * and the outcome written back to the ticket. {@link org.socialdesk.host.replies.ReplyPath} is its
 * entry point; the publisher hands each reply back to the workflow when its last part is final.
 */
package org.socialdesk.host.replies;
