package org.socialdesk.channel.mastodon;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mastodon's {@code Link} pagination header, e.g. {@code
 * <https://host/api/v1/notifications?max_id=7>; rel="next",
 * <https://host/api/v1/notifications?min_id=9>; rel="prev"}: {@code next} pages to older results
 * with {@code max_id}, {@code prev} to newer ones with {@code min_id}. The channel takes only the
 * cursor value from it and builds the next request itself, so the request keeps its own parameters
 * and host whatever the link says.
 */
final class MastodonLinks {

  private static final Pattern LINK = Pattern.compile("<([^>]*)>((?:\\s*;\\s*[^;,]+)*)");
  private static final Pattern REL =
      Pattern.compile("rel\\s*=\\s*\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

  private MastodonLinks() {}

  /** The {@code min_id} of the {@code rel="prev"} link: where the next, newer page starts. */
  static Optional<String> newerMinId(String linkHeader) {
    return parameterOfRel(linkHeader, "prev", "min_id");
  }

  static Optional<String> parameterOfRel(String linkHeader, String rel, String parameter) {
    if (linkHeader == null) {
      return Optional.empty();
    }
    Matcher link = LINK.matcher(linkHeader);
    while (link.find()) {
      Matcher relation = REL.matcher(link.group(2));
      if (relation.find() && relation.group(1).strip().equalsIgnoreCase(rel)) {
        return parameter(link.group(1), parameter);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> parameter(String url, String name) {
    String query;
    try {
      query = URI.create(url.strip()).getRawQuery();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0
          && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        return value.isBlank() ? Optional.empty() : Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
