/**
 * The HTTP plumbing shared by the networks' webhook endpoints: bounded raw bodies, JSON answers.
 */
package org.socialdesk.channel.webhook;
