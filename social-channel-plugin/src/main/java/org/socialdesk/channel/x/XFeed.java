package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.socialdesk.channel.oauth.BearerToken;

/** A newest-first, paged X endpoint that an {@link XPoller} walks: mentions, or DM events. */
interface XFeed {

  /** For logs: {@code mentions}, {@code direct messages}. */
  String name();

  XEndpoint endpoint();

  String path();

  /** The row of {@code channel_cursor} holding the newest id already stored. */
  String cursorKey();

  BearerToken token();

  /**
   * The query of one page.
   *
   * @param cursor the newest id already stored, or null on the first walk
   * @param paginationToken the previous page's {@code meta.next_token}, or null for the first page
   * @param backfillFrom on the first walk, the oldest time to read; else null
   */
  Map<String, String> query(String cursor, String paginationToken, Instant backfillFrom);

  /** The customers' items of one page. */
  List<XInbound> read(JsonNode page);
}
