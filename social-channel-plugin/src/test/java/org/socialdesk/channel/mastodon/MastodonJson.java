package org.socialdesk.channel.mastodon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Mastodon entities as its documentation shows them (Account, Status, Notification), with the
 * fields the channel reads, for WireMock bodies and stream events.
 */
final class MastodonJson {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String BRAND_ID = "109000000000000001";

  private MastodonJson() {}

  static ObjectNode account(String id, String acct) {
    ObjectNode account = JSON.createObjectNode();
    String username = acct.contains("@") ? acct.substring(0, acct.indexOf('@')) : acct;
    account.put("id", id);
    account.put("username", username);
    account.put("acct", acct);
    account.put("display_name", "Display " + username);
    account.put("locked", false);
    account.put("bot", false);
    account.put("created_at", "2022-08-27T00:00:00.000Z");
    account.put("note", "<p>A customer</p>");
    account.put("url", "https://remote.example/@" + username);
    account.put("followers_count", 37);
    account.put("following_count", 41);
    account.put("statuses_count", 120);
    account.putArray("emojis");
    ArrayNode fields = account.putArray("fields");
    fields.addObject().put("name", "pronouns").put("value", "they/them").putNull("verified_at");
    return account;
  }

  static ObjectNode brand() {
    return account(BRAND_ID, "brand");
  }

  static ObjectNode customer() {
    return account("108892712797543112", "sam@remote.example");
  }

  /** A status by {@code author} that mentions the brand, public, not a reply. */
  static ObjectNode status(String id, ObjectNode author, String content) {
    ObjectNode status = JSON.createObjectNode();
    status.put("id", id);
    status.put("created_at", "2026-11-23T10:15:30.123Z");
    status.putNull("in_reply_to_id");
    status.putNull("in_reply_to_account_id");
    status.put("sensitive", false);
    status.put("spoiler_text", "");
    status.put("visibility", "public");
    status.put("language", "en");
    status.put("uri", "https://remote.example/users/sam/statuses/" + id);
    status.put("url", "https://remote.example/@sam/" + id);
    status.put("replies_count", 2);
    status.put("reblogs_count", 3);
    status.put("favourites_count", 5);
    status.putNull("edited_at");
    status.put("content", content);
    status.putNull("reblog");
    status.set("account", author);
    status.putArray("media_attachments");
    ArrayNode mentions = status.putArray("mentions");
    mentions
        .addObject()
        .put("id", BRAND_ID)
        .put("username", "brand")
        .put("url", "https://brand.example/@brand")
        .put("acct", "brand");
    status.putArray("tags");
    status.putArray("emojis");
    status.putNull("card");
    status.putNull("poll");
    return status;
  }

  static ObjectNode mentionStatus(String id) {
    return status(
        id,
        customer(),
        "<p><span class=\"h-card\"><a href=\"https://brand.example/@brand\" class=\"u-url mention\">@<span>brand</span></a></span>"
            + " my order "
            + id
            + " is late</p>");
  }

  static ObjectNode notification(String id, String type, ObjectNode status) {
    ObjectNode notification = JSON.createObjectNode();
    notification.put("id", id);
    notification.put("type", type);
    notification.put("created_at", "2026-11-23T10:15:31.000Z");
    notification.put("group_key", "ungrouped-" + id);
    notification.set("account", status.get("account").deepCopy());
    notification.set("status", status);
    return notification;
  }

  /** A mention notification {@code id} whose status id is {@code "s" + id}. */
  static ObjectNode mention(String id) {
    return notification(id, "mention", mentionStatus("s" + id));
  }

  /** Newest first, as Mastodon lists notifications. */
  static String page(List<ObjectNode> oldestFirst) {
    ArrayNode page = JSON.createArrayNode();
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      page.add(oldestFirst.get(i));
    }
    return page.toString();
  }
}
