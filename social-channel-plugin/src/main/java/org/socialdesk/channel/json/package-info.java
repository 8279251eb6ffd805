/** JSON as every network's client reads and writes it. */
package org.socialdesk.channel.json;
