/**
 * The Telegram network ({@code telegram}): messages to the brand's bot become inbound posts, by
 * {@code getUpdates} long polling ({@link org.socialdesk.channel.telegram.TelegramPoller}, the
 * default) or from webhook deliveries ({@link
 * org.socialdesk.channel.telegram.TelegramWebhookServlet}); which updates concern the brand is
 * decided by {@link org.socialdesk.channel.telegram.TelegramReader}; replies go out with {@code
 * sendMessage} ({@link org.socialdesk.channel.telegram.TelegramPublisher}). {@link
 * org.socialdesk.channel.telegram.TelegramChannel#start} and {@link
 * org.socialdesk.channel.telegram.TelegramConfig} are what the plugin uses; everything else is
 * package-private. See {@code social-channel-plugin/README.md}, section "Telegram".
 */
package org.socialdesk.channel.telegram;
