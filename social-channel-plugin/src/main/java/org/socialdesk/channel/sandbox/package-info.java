/**
 * The sandbox network ({@code sandbox}): a real channel without a social account, for trying
 * Socialdesk and for tests. Posts arrive through admin endpoints under {@code
 * /api/channels/sandbox/} ({@link org.socialdesk.channel.sandbox.SandboxServlet}), replies are
 * "published" into the {@code sandbox_published} table, idempotently, and can be read back from the
 * outbox endpoint; a fault switch makes the next publications fail as a real network would. {@link
 * org.socialdesk.channel.sandbox.SandboxChannel#start} and {@link
 * org.socialdesk.channel.sandbox.SandboxReplayCommand} are what the plugin calls; everything else
 * is package-private. See {@code social-channel-plugin/README.md}.
 */
package org.socialdesk.channel.sandbox;
