/**
 * The Bluesky channel (AT Protocol): the brand's mentions, replies and quotes polled from its
 * notifications into tickets (one per thread, keyed by the thread's root post), deletions noticed
 * and marked, agents' replies posted in the thread under record keys derived from the reply (so a
 * retry cannot post twice), and direct messages through the chat service behind the PDS. The
 * session comes from the handle and an app password, and is kept sealed at rest.
 */
package org.socialdesk.channel.bluesky;
