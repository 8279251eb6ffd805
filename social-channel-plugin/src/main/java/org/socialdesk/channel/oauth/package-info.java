/**
 * OAuth 2.0 user tokens that a channel renews itself with refresh tokens, for any network that uses
 * them (X, YouTube): the token endpoint client ({@link
 * org.socialdesk.channel.oauth.OAuth2RefreshClient}), the tokens sealed at rest in the network's
 * own table ({@link org.socialdesk.channel.oauth.TokenStore}), and the token a channel's API client
 * sends ({@link org.socialdesk.channel.oauth.BearerToken}, {@link
 * org.socialdesk.channel.oauth.RefreshingToken}).
 */
package org.socialdesk.channel.oauth;
