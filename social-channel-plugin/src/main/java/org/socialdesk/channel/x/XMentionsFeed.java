package org.socialdesk.channel.x;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.api.Secret;

/**
 * {@code GET /2/users/{brand}/mentions}: X filters by {@code since_id} (the cursor), pages by
 * {@code pagination_token}; the first walk asks only for posts since {@code start_time}.
 */
final class XMentionsFeed implements XFeed {

  private final XConfig config;
  private final XPostReader reader;

  XMentionsFeed(XConfig config, XPostReader reader) {
    this.config = config;
    this.reader = reader;
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
  public Secret token() {
    return config.readToken();
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
