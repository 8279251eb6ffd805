/**
 * Which ticket holds each conversation and each post ({@link
 * org.socialdesk.host.conversations.Conversations}), and how posts, inbound events and enrichments
 * are stored as JSON ({@link org.socialdesk.host.conversations.InboundCodec}): what the inbox
 * writes when it routes a post, and what the reply path reads to answer it.
 */
package org.socialdesk.host.conversations;
