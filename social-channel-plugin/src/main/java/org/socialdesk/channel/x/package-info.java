/**
 * The X network ({@code x}): the brand's mentions and direct messages become inbound posts, by
 * polling X API v2 ({@link org.socialdesk.channel.x.XPoller}) or, on the enterprise tier, from
 * Account Activity webhook deliveries ({@link org.socialdesk.channel.x.XWebhookServlet}); replies
 * are posted as public replies or direct messages ({@link org.socialdesk.channel.x.XPublisher}).
 * Every call is paced under a per-endpoint budget and X's rate-limit headers ({@link
 * org.socialdesk.channel.x.XPacer}). {@link org.socialdesk.channel.x.XChannel#start} and {@link
 * org.socialdesk.channel.x.XConfig} are what the plugin uses; everything else is package-private.
 * See {@code social-channel-plugin/README.md}, section "X".
 */
package org.socialdesk.channel.x;
