/** The social side of the domain: posts, their authors and conversations, as networks give them. */
package org.socialdesk.api.social;
