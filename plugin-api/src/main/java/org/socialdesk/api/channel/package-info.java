/**
 * Channels: how a network's posts come in ({@link org.socialdesk.api.channel.Ingest}) and how
 * replies go out ({@link org.socialdesk.api.channel.ReplyPublisher}), kept apart so that a
 * read-only network offers only the first.
 */
package org.socialdesk.api.channel;
