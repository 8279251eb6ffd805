/** What every network's publisher does alike: the growing delays of temporary failures. */
package org.socialdesk.channel.publish;
