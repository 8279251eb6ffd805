/**
 * The reply workflow: the checks an agent's reply passes before it is published under the brand's
 * name.
 */
package org.socialdesk.api.reply;
