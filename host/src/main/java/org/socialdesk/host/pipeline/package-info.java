/**
 * The ticket pipeline's wiring: {@link org.socialdesk.host.pipeline.Pipeline} starts and stops both
 * directions of one host, the intake ({@link org.socialdesk.host.inbox}) and the reply path ({@link
 * org.socialdesk.host.replies}), on this instance's identity ({@link org.socialdesk.host.cluster})
 * and the shared record of conversations and their tickets ({@link
 * org.socialdesk.host.conversations}).
 */
package org.socialdesk.host.pipeline;
