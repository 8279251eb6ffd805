package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.channel.oauth.BearerToken;

/**
 * {@code GET /2/users/{brand}/mentions}: X filters by {@code since_id} (the cursor), pages by
 * {@code pagination_token}; the first walk asks only for posts since {@code start_time}.
 */
final class XMentionsFeed implements XFeed {

  private final XConfig config;
  private final XPostReader reader;
  private final BearerToken token;

  /** With the configured user access token as it is. */
  XMentionsFeed(XConfig config, XPostReader reader) {
    this(config, reader, new BearerToken.Fixed(config.userAccessToken()));
  }

  /**
   * {@code userToken}: the brand's user token, possibly renewed by the channel; mentions are read
   * with the app's bearer token when configured, else with the user token.
   */
  XMentionsFeed(XConfig config, XPostReader reader, BearerToken userToken) {
    this.config = config;
    this.reader = reader;
    this.token =
        config.bearerToken() != null ? new BearerToken.Fixed(config.bearerToken()) : userToken;
  }

  @Override
  public String name() {
    return "mentions";
  }

  @Override
  public XEndpoint endpoint() {
    return XEndpoint.MENTIONS;
  }

  @Override
  public String path() {
    return "/2/users/" + config.brandUserId() + "/mentions";
  }

  @Override
  public String cursorKey() {
    return XCursors.mentionsKey(config.brandUserId());
  }

  @Override
  public BearerToken token() {
    return token;
  }

  @Override
  public Map<String, String> query(String cursor, String paginationToken, Instant backfillFrom) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("max_results", String.valueOf(config.maxResults()));
    if (cursor != null && XIds.isNumeric(cursor)) {
      query.put("since_id", cursor);
    } else if (backfillFrom != null) {
      query.put("start_time", backfillFrom.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    if (paginationToken != null) {
      query.put("pagination_token", paginationToken);
    }
    query.putAll(config.names().mentions());
    return query;
  }

  @Override
  public List<XInbound> read(JsonNode page) {
    return reader.posts(page);
  }
}
