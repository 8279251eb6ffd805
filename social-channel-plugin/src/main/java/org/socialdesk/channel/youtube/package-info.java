/**
 * The YouTube channel: comments on the brand's channel and videos polled through the YouTube Data
 * API v3 into tickets (one per comment thread), agents' replies as comment replies, a daily quota
 * budget that keeps units for replies, OAuth 2.0 refresh tokens sealed at rest, and optional
 * holding of likely spam for review.
 */
package org.socialdesk.channel.youtube;
