/**
 * The live wall: the board of running clocks and the event stream at {@code GET /api/wall/stream}.
 */
package org.socialdesk.sla.wall;
