package org.socialdesk.channel.mastodon;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A status's HTML {@code content} as plain text, read with jsoup: {@code <br>} is a line break,
 * paragraphs and other blocks are separated by an empty line, list items start with "- ", a mention
 * link becomes {@code @user@domain}, a hashtag link its text, any other link its href (followed by
 * nothing when its text is the URL shortened, else after the text in brackets), entities are
 * decoded and no tag is left. Custom emoji are shortcodes in the text already and stay so ({@code
 * :blobcat:}); an image left by other servers becomes its alt text.
 */
final class MastodonHtml {

  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "blockquote",
          "pre",
          "ul",
          "ol",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "hr",
          "table");
  private static final Pattern PROFILE_PATH = Pattern.compile("/(?:@|users/)([A-Za-z0-9_.-]+)/?");
  private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

  private final Map<String, String> mentionsByUrl;
  private final StringBuilder out = new StringBuilder();
  private int preDepth;

  /**
   * @param mentionsByUrl the status's {@code mentions[]}: account URL to full {@code user@domain}
   */
  private MastodonHtml(Map<String, String> mentionsByUrl) {
    this.mentionsByUrl = mentionsByUrl;
  }

  static String toText(String html, Map<String, String> mentionsByUrl) {
    if (html == null || html.isBlank()) {
      return "";
    }
    MastodonHtml converter = new MastodonHtml(mentionsByUrl);
    converter.children(Jsoup.parseBodyFragment(html).body());
    return tidy(converter.out.toString());
  }

  private void children(Element element) {
    for (Node child : element.childNodes()) {
      node(child);
    }
  }

  private void node(Node node) {
    if (node instanceof TextNode text) {
      out.append(
          preDepth > 0
              ? text.getWholeText()
              : WHITESPACE.matcher(text.getWholeText()).replaceAll(" "));
    } else if (node instanceof Element element) {
      element(element);
    }
  }

  private void element(Element element) {
    String tag = element.normalName();
    switch (tag) {
      case "br" -> out.append('\n');
      case "a" -> out.append(link(element));
      case "img" -> out.append(element.attr("alt"));
      case "li" -> {
        lineBreak();
        out.append("- ");
        children(element);
        lineBreak();
      }
      case "script", "style" -> {}
      default -> {
        boolean block = BLOCKS.contains(tag);
        if (block) {
          paragraphBreak();
        }
        preDepth += tag.equals("pre") ? 1 : 0;
        children(element);
        preDepth -= tag.equals("pre") ? 1 : 0;
        if (block) {
          paragraphBreak();
        }
      }
    }
  }

  private String link(Element link) {
    String text = WHITESPACE.matcher(link.text()).replaceAll(" ").strip();
    String href = link.attr("href").strip();
    Set<String> classes = link.classNames();
    if (classes.contains("hashtag") || text.startsWith("#")) {
      return text;
    }
    if (classes.contains("mention") || text.startsWith("@")) {
      return mention(href, text);
    }
    if (!href.startsWith("http://") && !href.startsWith("https://")) {
      return text;
    }
    return showsUrl(text, href) ? href : text + " (" + href + ")";
  }

  /** {@code @user@domain}: from the status's mentions, else from the profile URL, else the text. */
  private String mention(String href, String text) {
    String known = mentionsByUrl.get(href);
    if (known != null) {
      return "@" + known;
    }
    try {
      URI uri = URI.create(href);
      Matcher profile = PROFILE_PATH.matcher(uri.getRawPath() == null ? "" : uri.getRawPath());
      if (uri.getHost() != null && profile.matches()) {
        return "@" + profile.group(1) + "@" + uri.getHost();
      }
    } catch (IllegalArgumentException e) {
      // not a URL: keep the text
    }
    return text;
  }

  /** Whether a link's text is its URL, possibly without the scheme and shortened with "…". */
  private static boolean showsUrl(String text, String href) {
    String shown = text.replace("…", "").strip().toLowerCase(Locale.ROOT);
    String url =
        href.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
    shown = shown.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
    return shown.isEmpty()
        || url.startsWith(shown)
        || href.toLowerCase(Locale.ROOT).startsWith(shown);
  }

  private void lineBreak() {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  private void paragraphBreak() {
    if (out.length() == 0) {
      return;
    }
    lineBreak();
    if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
      out.append('\n');
    }
  }

  /** No spaces around line ends, at most one empty line in a row, nothing around the text. */
  private static String tidy(String text) {
    return text.replaceAll("[ \\t]+\\n", "\n")
        .replaceAll("\\n[ \\t]+", "\n")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }
}
