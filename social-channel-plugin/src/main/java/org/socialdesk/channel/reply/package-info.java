/**
 * The reply workflow's checks: X's weighted length, splitting a long reply into a numbered thread,
 * the agent's signature, personal data in public replies, supervisor approval and the {@code /dm}
 * command. {@link org.socialdesk.channel.reply.ReplyPolicies} builds the policies from {@link
 * org.socialdesk.channel.reply.ReplyWorkflowConfig}; everything else is package-private. See {@code
 * social-channel-plugin/docs/reply-checks.md}.
 */
package org.socialdesk.channel.reply;
