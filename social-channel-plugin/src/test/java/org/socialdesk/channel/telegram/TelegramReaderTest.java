package org.socialdesk.channel.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.socialdesk.channel.telegram.TelegramFixtures.BOT;
import static org.socialdesk.channel.telegram.TelegramFixtures.BOT_ID;
import static org.socialdesk.channel.telegram.TelegramFixtures.CUSTOMER;
import static org.socialdesk.channel.telegram.TelegramFixtures.GROUP;
import static org.socialdesk.channel.telegram.TelegramFixtures.group;
import static org.socialdesk.channel.telegram.TelegramFixtures.json;
import static org.socialdesk.channel.telegram.TelegramFixtures.message;
import static org.socialdesk.channel.telegram.TelegramFixtures.privateChat;
import static org.socialdesk.channel.telegram.TelegramFixtures.update;
import static org.socialdesk.channel.telegram.TelegramFixtures.user;
import static org.socialdesk.channel.telegram.TelegramFixtures.withMention;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.Secret;
import org.socialdesk.api.social.SocialPost;
import org.socialdesk.api.social.Visibility;

class TelegramReaderTest {

  private final TelegramReader reader = reader(false);

  @Test
  void aPrivateMessageIsAPrivatePostWhoseChatIsTheConversation() {
    Map<String, Object> message =
        message(
            15,
            privateChat(CUSTOMER, "Maryam"),
            user(CUSTOMER, "Maryam", "maryam_t"),
            "سلام، سفارش من کجاست؟");

    SocialPost post = post(reader.read(json(update(901, "message", message))));

    assertThat(post.key().postId()).isEqualTo(CUSTOMER + ":15");
    assertThat(post.conversationId()).isEqualTo(Long.toString(CUSTOMER));
    assertThat(post.visibility()).isEqualTo(Visibility.PRIVATE);
    assertThat(post.text()).isEqualTo("سلام، سفارش من کجاست؟");
    assertThat(post.author().handle()).isEqualTo("maryam_t");
    assertThat(post.author().displayName()).isEqualTo("Maryam");
    assertThat(post.url()).isNull();
  }

  @Test
  void aGroupMessageMentioningTheBotIsAPublicPostInTheCustomersOwnConversationOfThatGroup() {
    Map<String, Object> message =
        withMention(
            message(
                77,
                group(GROUP, "ShopKite fans", "shopkitefans"),
                user(CUSTOMER, "Somchai", null),
                "@ShopKiteBot สั่งของไปแล้วยังไม่ได้รับเลยครับ"),
            "@ShopKiteBot");

    SocialPost post = post(reader.read(json(update(902, "message", message))));

    assertThat(post.key().postId()).isEqualTo(GROUP + ":77");
    assertThat(post.conversationId()).isEqualTo(GROUP + ":u" + CUSTOMER);
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(post.url()).isEqualTo(URI.create("https://t.me/shopkitefans/77"));
    assertThat(post.author().handle()).isEqualTo("id" + CUSTOMER);
  }

  @Test
  void aGroupMessageThatRepliesToTheBotIsTakenInAndAnswersThatMessage() {
    Map<String, Object> botMessage =
        message(
            70,
            group(GROUP, "ShopKite fans", null),
            user(BOT_ID, "ShopKite", "ShopKiteBot"),
            "How can we help?");
    Map<String, Object> message =
        message(
            71,
            group(GROUP, "ShopKite fans", null),
            user(CUSTOMER, "Ana", "ana"),
            "my parcel is late");
    message.put("reply_to_message", botMessage);

    SocialPost post = post(reader.read(json(update(903, "message", message))));

    assertThat(post.inReplyToId()).isEqualTo(GROUP + ":70");
    assertThat(post.url()).isEqualTo(URI.create("https://t.me/c/1234567890/71"));
  }

  @Test
  void aMentionInAForumTopicIsAConversationOfThatTopic() {
    Map<String, Object> message =
        withMention(
            message(
                90,
                group(GROUP, "ShopKite forum", null),
                user(CUSTOMER, "Ana", "ana"),
                "@ShopKiteBot refund?"),
            "@ShopKiteBot");
    message.put("message_thread_id", 12);
    message.put("is_topic_message", true);

    SocialPost post = post(reader.read(json(update(914, "message", message))));

    assertThat(post.conversationId()).isEqualTo(GROUP + ":m12:u" + CUSTOMER);
  }

  @Test
  void groupChatterNotAddressedToTheBotIsIgnored() {
    Map<String, Object> message =
        withMention(
            message(
                72, group(GROUP, "fans", null), user(CUSTOMER, "Ana", "ana"), "@someone_else hi"),
            "@someone_else");

    assertThat(reader.read(json(update(904, "message", message))))
        .isInstanceOf(TelegramInbound.Ignored.class);
  }

  @Test
  void aCommentOnTheBrandsChannelIsTakenInPerCustomerAndChannelPost() {
    Map<String, Object> forward =
        message(500, group(GROUP, "ShopKite discussion", null), null, "New autumn collection!");
    forward.remove("from");
    forward.put(
        "sender_chat", Map.of("id", -1009999999999L, "type", "channel", "title", "ShopKite"));
    forward.put("is_automatic_forward", true);
    Map<String, Object> comment =
        message(
            501,
            group(GROUP, "ShopKite discussion", null),
            user(CUSTOMER, "Ana", "ana"),
            "is it in size M?");
    comment.put("reply_to_message", forward);

    SocialPost post = post(reader.read(json(update(905, "message", comment))));

    assertThat(post.conversationId()).isEqualTo(GROUP + ":t500:u" + CUSTOMER);
    assertThat(post.visibility()).isEqualTo(Visibility.PUBLIC);
    assertThat(reader.read(json(update(906, "message", forward))))
        .isInstanceOf(TelegramInbound.Ignored.class);
  }

  @Test
  void anEditedMessageIsAnEditOfTheSamePostWithItsEditTime() {
    Map<String, Object> message =
        message(
            15,
            privateChat(CUSTOMER, "Maryam"),
            user(CUSTOMER, "Maryam", null),
            "سفارش ۱۲۳۴ نرسید");
    message.put("edit_date", TelegramFixtures.NOW.getEpochSecond());

    TelegramInbound inbound = reader.read(json(update(907, "edited_message", message)));

    assertThat(inbound)
        .isInstanceOfSatisfying(
            TelegramInbound.Edit.class,
            edit -> {
              assertThat(edit.edit().key().postId()).isEqualTo(CUSTOMER + ":15");
              assertThat(edit.edit().newText()).isEqualTo("سفارش ۱۲۳۴ نرسید");
              assertThat(edit.edit().editedAt()).isEqualTo(TelegramFixtures.NOW);
            });
  }

  @Test
  void businessMessagesAreIgnoredUnlessTheAdminEnablesThem() {
    Map<String, Object> message =
        message(3, privateChat(CUSTOMER, "Ana"), user(CUSTOMER, "Ana", null), "hello shop");
    message.put("business_connection_id", "BCon-xyz_1");

    assertThat(reader.read(json(update(908, "business_message", message))))
        .isInstanceOf(TelegramInbound.Ignored.class);
    assertThat(reader(true).read(json(update(908, "business_message", message))))
        .isInstanceOfSatisfying(
            TelegramInbound.Post.class,
            post -> {
              assertThat(post.post().key().postId()).isEqualTo("b" + CUSTOMER + ":3");
              assertThat(post.post().conversationId()).isEqualTo("b" + CUSTOMER);
              assertThat(post.businessConnectionId()).isEqualTo("BCon-xyz_1");
            });
  }

  @Test
  void theBusinessAccountsOwnMessagesAreNotCustomerPosts() {
    Map<String, Object> message =
        message(
            4, privateChat(CUSTOMER, "Ana"), user(555, "Shop owner", null), "we answered by hand");
    message.put("business_connection_id", "BCon-xyz_1");

    assertThat(reader(true).read(json(update(909, "business_message", message))))
        .isInstanceOf(TelegramInbound.Ignored.class);
  }

  @Test
  void aPhotoWithoutTextBecomesAPlaceholderAndACaptionKeepsItsText() {
    Map<String, Object> photo =
        message(16, privateChat(CUSTOMER, "Ana"), user(CUSTOMER, "Ana", null), null);
    photo.remove("text");
    photo.put(
        "photo", List.of(Map.of("file_id", "f", "file_unique_id", "u", "width", 1, "height", 1)));

    assertThat(post(reader.read(json(update(910, "message", photo)))).text())
        .startsWith("[photo")
        .contains("Telegram");
    photo.put("caption", "the box was broken 📦");
    assertThat(post(reader.read(json(update(911, "message", photo)))).text())
        .isEqualTo("[photo] the box was broken 📦");
  }

  @Test
  void anUpdateWithoutItsIdOrWithABrokenMessageIsUnreadable() {
    assertThat(reader.read(json(Map.of("message", Map.of()))))
        .isInstanceOf(TelegramInbound.Unreadable.class);
    assertThat(
            reader.read(
                json(
                    update(
                        912,
                        "message",
                        Map.of("message_id", 1, "chat", Map.of("type", "private"))))))
        .isInstanceOf(TelegramInbound.Unreadable.class);
  }

  @Test
  void otherUpdateKindsAreIgnored() {
    assertThat(reader.read(json(Map.of("update_id", 913, "channel_post", Map.of("message_id", 1)))))
        .isInstanceOfSatisfying(
            TelegramInbound.Ignored.class,
            ignored -> assertThat(ignored.why()).contains("channel_post"));
  }

  private static SocialPost post(TelegramInbound inbound) {
    assertThat(inbound).isInstanceOf(TelegramInbound.Post.class);
    return ((TelegramInbound.Post) inbound).post();
  }

  static TelegramReader reader(boolean business) {
    TelegramConfig config =
        new TelegramConfig(
            true,
            null,
            Secret.of(TelegramFixtures.TOKEN),
            null,
            null,
            null,
            null,
            null,
            null,
            business);
    return new TelegramReader(() -> BOT, config);
  }
}
