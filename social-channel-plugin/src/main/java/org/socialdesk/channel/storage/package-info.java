/**
 * The channels' own tables, reached through {@link org.socialdesk.channel.storage.ChannelJdbc}:
 * each store says what it stores, this package says once how a statement is run, how a
 * unique-constraint violation is recognised and how a database failure is reported ({@link
 * org.socialdesk.channel.storage.ChannelStorageException}).
 */
package org.socialdesk.channel.storage;
