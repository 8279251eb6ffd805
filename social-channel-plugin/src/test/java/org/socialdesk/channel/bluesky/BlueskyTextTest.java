package org.socialdesk.channel.bluesky;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.socialdesk.api.social.Visibility;

/**
 * Facets at UTF-8 byte offsets, Bluesky's grapheme limits, and record keys derived from replies.
 */
class BlueskyTextTest {

  private static final BlueskyFacets.Handles CUSTOMER_ONLY =
      handle -> handle.equals("customer.test") ? Optional.of("did:plc:customer") : Optional.empty();

  @SuppressWarnings("unchecked")
  private static Map<String, Object> index(Map<String, Object> facet) {
    return (Map<String, Object>) facet.get("index");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> feature(Map<String, Object> facet) {
    return ((List<Map<String, Object>>) facet.get("features")).get(0);
  }

  @Test
  void aMentionAfterThaiTextStartsAtItsUtf8ByteOffsetNotItsCharacterIndex() throws Exception {
    String text = "สวัสดีค่ะ @customer.test ขอบคุณ";
    List<Map<String, Object>> facets = BlueskyFacets.of(text, CUSTOMER_ONLY);

    assertThat(facets).hasSize(1);
    // 9 Thai letters of 3 bytes and a space: byte 28, although the '@' is character 10.
    assertThat(index(facets.get(0))).containsEntry("byteStart", 28).containsEntry("byteEnd", 42);
    assertThat(feature(facets.get(0)))
        .containsEntry("$type", "app.bsky.richtext.facet#mention")
        .containsEntry("did", "did:plc:customer");
  }

  @Test
  void aLinkAfterPersianTextAndAnEmojiGetsByteOffsetsWithoutItsTrailingPunctuation()
      throws Exception {
    String text = "سلام 🙂 https://example.com/orders/123.";
    List<Map<String, Object>> facets = BlueskyFacets.of(text, CUSTOMER_ONLY);

    assertThat(facets).hasSize(1);
    // 4 Persian letters of 2 bytes, a space, an emoji of 4 bytes, a space: byte 14.
    assertThat(index(facets.get(0))).containsEntry("byteStart", 14).containsEntry("byteEnd", 44);
    assertThat(feature(facets.get(0))).containsEntry("uri", "https://example.com/orders/123");
  }

  @Test
  void anUnknownHandleAndAnEmailAddressStayPlainText() throws Exception {
    assertThat(BlueskyFacets.of("ask @nobody.test or mail me@customer.test", CUSTOMER_ONLY))
        .isEmpty();
  }

  @Test
  void facetsComeInTheOrderOfTheText() throws Exception {
    List<Map<String, Object>> facets =
        BlueskyFacets.of("👨‍👩‍👧 @customer.test see https://x.test/a", CUSTOMER_ONLY);

    assertThat(facets).extracting(f -> index(f).get("byteStart")).containsExactly(19, 38);
  }

  @Test
  void aPostIsMeasuredInGraphemesSoAFamilyEmojiCountsOnce() {
    BlueskyTextLength length = new BlueskyTextLength();

    assertThat(length.length("👨‍👩‍👧 ok")).isEqualTo(4); // 4 graphemes (21 bytes)
    assertThat(length.length("👨‍👩‍👧")).isEqualTo(2); // 1 grapheme, but 18 bytes: a tenth is 2
    assertThat(length.length("ก".repeat(300))).isEqualTo(300);
    assertThat(length.length("a".repeat(300))).isEqualTo(300);
    assertThat(length.maxLength(Visibility.PUBLIC)).isEqualTo(300);
    assertThat(length.maxLength(Visibility.PRIVATE)).isEqualTo(1000);
  }

  @Test
  void aTextOverThreeThousandBytesIsTooLongEvenUnderThreeHundredGraphemes() {
    // 200 family emoji: 200 graphemes, 3600 bytes.
    assertThat(new BlueskyTextLength().length("👨‍👩‍👧".repeat(200))).isEqualTo(360);
  }

  @Test
  void theRecordKeyOfAReplyPartIsAValidTidAndTheSameForEveryRetry() {
    String first = BlueskyTid.forKey("reply-42/part-1");

    assertThat(first).matches(BlueskyTid.SYNTAX).hasSize(13);
    assertThat(BlueskyTid.forKey("reply-42/part-1")).isEqualTo(first);
    assertThat(BlueskyTid.forKey("reply-42/part-2")).isNotEqualTo(first);
  }

  @Test
  void tidsEncodeAsBase32SortableOfThirteenCharacters() {
    assertThat(BlueskyTid.encode(0)).isEqualTo("2222222222222");
    assertThat(BlueskyTid.encode(Long.MAX_VALUE)).isEqualTo("bzzzzzzzzzzzz");
    // Today's TIDs start with '3', as the PDS's own do (3n3qcmbiyts2w).
    assertThat(BlueskyTid.forKey("any reply")).startsWith("3");
    assertThat(BlueskyTid.encode(1L << 10)).isLessThan(BlueskyTid.encode(2L << 10));
  }

  @Test
  void aPostsIdIsItsDidAndRecordKeyAndMapsBackToItsAtUri() {
    String uri = "at://did:plc:abc123/app.bsky.feed.post/3n3qcmbiyts2w";
    BlueskyIds.PostRef ref = BlueskyIds.fromUri(uri).orElseThrow();

    assertThat(ref.postId()).isEqualTo("did:plc:abc123:3n3qcmbiyts2w");
    assertThat(BlueskyIds.fromPostId(ref.postId()).orElseThrow().uri()).isEqualTo(uri);
    assertThat(BlueskyIds.fromUri("at://did:plc:abc/app.bsky.feed.like/3n3q")).isEmpty();
    assertThat(BlueskyIds.fromPostId("dm:3n3qcggq34t27")).isEmpty();
  }
}
