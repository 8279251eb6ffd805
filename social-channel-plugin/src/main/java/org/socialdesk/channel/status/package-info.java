/** What channels show admins about their own state, shared by the polling networks. */
package org.socialdesk.channel.status;
