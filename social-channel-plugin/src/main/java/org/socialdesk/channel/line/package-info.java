/**
 * The LINE network ({@code line}): the brand's LINE Official Account. Webhook deliveries, signed
 * with the channel secret, become inbound posts ({@link
 * org.socialdesk.channel.line.LineWebhookServlet}); replies go back into the same chat with the
 * message's reply token while it is fresh, else as a push message under an {@code X-Line-Retry-Key}
 * ({@link org.socialdesk.channel.line.LinePublisher}). Images, videos, audio and files are shown to
 * agents through a signed, expiring link that Socialdesk serves ({@link
 * org.socialdesk.channel.line.LineContentServlet}), never LINE's own URL with the token. {@link
 * org.socialdesk.channel.line.LineChannel#start} and {@link org.socialdesk.channel.line.LineConfig}
 * are what the plugin uses. See {@code social-channel-plugin/README.md}, section "LINE".
 */
package org.socialdesk.channel.line;
