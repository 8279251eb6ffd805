/**
 * The Mastodon network ({@code mastodon}): the brand's mentions and direct messages on one instance
 * become posts, and replies are published as statuses under an Idempotency-Key. {@link
 * org.socialdesk.channel.mastodon.MastodonChannel#start} and {@link
 * org.socialdesk.channel.mastodon.MastodonConfig} are what the plugin uses; everything else is
 * package-private: the REST and streaming calls ({@code MastodonApi}), the ordered poll with its
 * cursor ({@code MastodonPoller}, {@code MastodonCursor}), the stream ({@code MastodonStream},
 * {@code MastodonSse}), statuses as posts ({@code MastodonStatusReader}, {@code MastodonHtml}), the
 * length rule ({@code MastodonTextLength}) and the publisher ({@code MastodonPublisher}). See
 * {@code social-channel-plugin/README.md}, section "Mastodon".
 */
package org.socialdesk.channel.mastodon;
