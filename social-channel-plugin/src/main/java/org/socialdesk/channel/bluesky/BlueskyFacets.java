package org.socialdesk.channel.bluesky;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rich-text facets of a post ({@code app.bsky.richtext.facet}): a mention of {@code @handle}
 * (with the DID the handle resolves to; an unknown handle stays plain text) and every {@code
 * http(s)://} link. Bluesky shows a mention or link only through a facet, and notifies a mentioned
 * account only then. Facet ranges are UTF-8 byte offsets into the text, not characters: Thai takes
 * three bytes a letter, Persian two, an emoji four or more.
 */
final class BlueskyFacets {

  /** A handle is a domain name: labels of letters, digits and '-', at least two of them. */
  static final Pattern MENTION =
      Pattern.compile(
          "(?<=^|[\\s(\\[\"'“«])@([a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+)");

  /** A link: the protocol and every character up to a space, less trailing punctuation. */
  static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+");

  private static final String TRAILING = ".,;:!?)]}'\"»”";

  /** Resolves a handle to its DID, or empty when it names nobody. */
  @FunctionalInterface
  interface Handles {
    Optional<String> did(String handle) throws Exception;
  }

  private BlueskyFacets() {}

  /** The facets of {@code text}, in order of their start. */
  static List<Map<String, Object>> of(String text, Handles handles) throws Exception {
    List<Map<String, Object>> facets = new ArrayList<>();
    Matcher link = LINK.matcher(text);
    List<int[]> links = new ArrayList<>();
    while (link.find()) {
      int end = link.end();
      while (end > link.start() && TRAILING.indexOf(text.charAt(end - 1)) >= 0) {
        end--;
      }
      links.add(new int[] {link.start(), end});
      facets.add(
          facet(
              text,
              link.start(),
              end,
              Map.of(
                  "$type",
                  "app.bsky.richtext.facet#link",
                  "uri",
                  text.substring(link.start(), end))));
    }
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      if (inside(links, mention.start())) {
        continue;
      }
      String handle = mention.group(1).toLowerCase(java.util.Locale.ROOT);
      Optional<String> did = handles.did(handle);
      if (did.isPresent()) {
        facets.add(
            facet(
                text,
                mention.start(),
                mention.end(),
                Map.of("$type", "app.bsky.richtext.facet#mention", "did", did.get())));
      }
    }
    facets.sort((a, b) -> Integer.compare(byteStart(a), byteStart(b)));
    return facets;
  }

  private static boolean inside(List<int[]> spans, int at) {
    return spans.stream().anyMatch(span -> at >= span[0] && at < span[1]);
  }

  private static Map<String, Object> facet(
      String text, int start, int end, Map<String, Object> feature) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("byteStart", utf8Length(text.substring(0, start)));
    index.put("byteEnd", utf8Length(text.substring(0, end)));
    Map<String, Object> facet = new LinkedHashMap<>();
    facet.put("index", index);
    facet.put("features", List.of(feature));
    return facet;
  }

  @SuppressWarnings("unchecked")
  private static int byteStart(Map<String, Object> facet) {
    return (Integer) ((Map<String, Object>) facet.get("index")).get("byteStart");
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
