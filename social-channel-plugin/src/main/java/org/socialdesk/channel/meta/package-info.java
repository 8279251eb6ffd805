/**
 * The Meta channel: one Facebook Page (comments, visitor posts, mentions, Messenger) and the
 * Instagram professional account linked to it (comments, mentions, Instagram DMs), as the networks
 * {@code facebook} and {@code instagram}, sharing one Graph API client ({@link
 * org.socialdesk.channel.meta.MetaGraph}: appsecret_proof, sealed tokens, error kinds, pacing by
 * Meta's usage headers) and one webhook per app.
 */
package org.socialdesk.channel.meta;
