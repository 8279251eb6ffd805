/** Social networks as ticket sources, and the workflow a reply passes before it is published. */
package org.socialdesk.channel;
