package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.channel.oauth.BearerToken;

/**
 * {@code GET /2/dm_events}: the brand's direct messages, newest first. X has no {@code since_id}
 * here, so the poller stops paging at the first id not newer than its cursor.
 */
final class XDirectMessagesFeed implements XFeed {

  private final XConfig config;
  private final XPostReader reader;
  private final BearerToken token;

  /** With the configured user access token as it is. */
  XDirectMessagesFeed(XConfig config, XPostReader reader) {
    this(config, reader, new BearerToken.Fixed(config.userAccessToken()));
  }

  /**
   * {@code userToken}: the brand's user token, possibly renewed by the channel; messages need the
   * user token.
   */
  XDirectMessagesFeed(XConfig config, XPostReader reader, BearerToken userToken) {
    this.config = config;
    this.reader = reader;
    this.token = userToken;
  }

  @Override
  public String name() {
    return "direct messages";
  }

  @Override
  public XEndpoint endpoint() {
    return XEndpoint.DM_EVENTS;
  }

  @Override
  public String path() {
    return "/2/dm_events";
  }

  @Override
  public String cursorKey() {
    return XCursors.directMessagesKey(config.brandUserId());
  }

  @Override
  public BearerToken token() {
    return token;
  }

  @Override
  public Map<String, String> query(String cursor, String paginationToken, Instant backfillFrom) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("max_results", String.valueOf(config.maxResults()));
    if (paginationToken != null) {
      query.put("pagination_token", paginationToken);
    }
    query.putAll(config.names().dmEvents());
    return query;
  }

  @Override
  public List<XInbound> read(JsonNode page) {
    return reader.messages(page);
  }
}
