package org.socialdesk.host.helpdesk.rt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;
import org.socialdesk.api.social.Author;

/**
 * The small formats RT needs: its date format, safe user names, and plain text from agents' HTML.
 */
final class RtText {

  /** RT stores {@code Created} raw: only this form, in UTC, reads back correctly. */
  private static final DateTimeFormatter RT_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private RtText() {}

  static String date(Instant instant) {
    return RT_DATE.format(instant);
  }

  /**
   * An RT user name for a social account: {@code <network>.<account id>}, stable when the handle
   * changes, and free of the characters RT's address parser reads as groups or lists.
   */
  static String userName(Author author) {
    return safe(author.network()) + "." + safe(author.accountId());
  }

  private static String safe(String text) {
    String cleaned = text.replaceAll("[^A-Za-z0-9_.-]", "_");
    return cleaned.length() > 100 ? cleaned.substring(0, 100) : cleaned;
  }

  /**
   * Plain text of an agent's reply: HTML from RT's editor becomes text with its line breaks, and
   * the quoted earlier message RT puts under a reply is removed, since it must not be published.
   */
  static String replyText(String content, String contentType) {
    String text =
        contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/html")
            ? htmlToText(content)
            : content;
    return withoutQuote(text).strip();
  }

  static String htmlToText(String html) {
    Document document = Jsoup.parse(html);
    document.select("blockquote").remove();
    document.outputSettings(new Document.OutputSettings().prettyPrint(false));
    document.select("br").after("\\n");
    document.select("p, div, li, tr").before("\\n");
    String marked = document.html().replace("\\n", "\n");
    String text =
        Jsoup.clean(marked, "", Safelist.none(), new Document.OutputSettings().prettyPrint(false));
    return org.jsoup.parser.Parser.unescapeEntities(text, false)
        .replace('\u00a0', ' ')
        .replaceAll("\n{3,}", "\n\n");
  }

  /** Drops "> " lines and the "On ..., X wrote:" line that introduces them. */
  static String withoutQuote(String text) {
    StringBuilder kept = new StringBuilder();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      boolean introducesQuote =
          line.strip().endsWith("wrote:")
              && i + 1 < lines.length
              && nextNonBlankIsQuote(lines, i + 1);
      if (line.startsWith(">") || introducesQuote) {
        continue;
      }
      kept.append(line).append('\n');
    }
    return kept.toString();
  }

  private static boolean nextNonBlankIsQuote(String[] lines, int from) {
    for (int i = from; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        return lines[i].startsWith(">");
      }
    }
    return false;
  }
}
