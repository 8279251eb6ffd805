package org.socialdesk.channel.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.socialdesk.api.social.UntrustedText;

/**
 * A JSON object read field by field, strictly: duplicate keys, trailing data, unknown keys and
 * values of the wrong type are errors naming the field's dotted path ({@code author.followers}).
 */
final class SandboxJsonObject {

  /** Strict on input; also the sandbox's writer of JSON answers. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final ObjectNode node;
  private final String prefix;

  private SandboxJsonObject(ObjectNode node, String prefix) {
    this.node = node;
    this.prefix = prefix;
  }

  /** Parses a whole body that must be one JSON object. */
  static SandboxJsonObject parse(byte[] body) throws SandboxInvalidRequest {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      throw new SandboxInvalidRequest(null, "the body is empty; send one JSON object");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new SandboxInvalidRequest(
          null, "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SandboxInvalidRequest(null, "malformed JSON: " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode object)) {
      String kind = tree.getNodeType().name().toLowerCase(Locale.ROOT);
      throw new SandboxInvalidRequest(null, "the body must be a JSON object, not " + kind);
    }
    return new SandboxJsonObject(object, "");
  }

  /** Fails on the first key, in document order, that is not among {@code known}. */
  SandboxJsonObject allowOnly(List<String> known) throws SandboxInvalidRequest {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new SandboxInvalidRequest(
            path(name),
            "unknown field " + path(name) + "; known fields here: " + String.join(", ", known));
      }
    }
    return this;
  }

  /** The dotted path of {@code key} in this object. */
  String path(String key) {
    return prefix + key;
  }

  /** A string, or {@code null} when absent or JSON null. */
  String string(String key) throws SandboxInvalidRequest {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must be a string");
    }
    return value.textValue();
  }

  /**
   * A string that must be present and not blank: white space, invisible characters (no-break and
   * zero-width spaces, the byte order mark) and control characters alone are blank.
   */
  String requiredText(String key) throws SandboxInvalidRequest {
    String text = string(key);
    if (text == null) {
      throw new SandboxInvalidRequest(path(key), path(key) + " is required");
    }
    if (UntrustedText.isBlank(text)) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must not be blank");
    }
    return text;
  }

  /** A whole number that is not negative, or {@code fallback} when absent. */
  long count(String key, long fallback) throws SandboxInvalidRequest {
    JsonNode value = value(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must be a whole number");
    }
    if (value.longValue() < 0) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must not be negative");
    }
    return value.longValue();
  }

  /** {@code true} or {@code false}, or {@code null} when absent. */
  Boolean bool(String key) throws SandboxInvalidRequest {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must be true or false");
    }
    return value.booleanValue();
  }

  /** An ISO-8601 instant, or {@code null} when absent. */
  Instant instant(String key) throws SandboxInvalidRequest {
    String text = string(key);
    return text == null ? null : instant(path(key), text);
  }

  /** A nested object, or {@code null} when absent. */
  SandboxJsonObject object(String key) throws SandboxInvalidRequest {
    JsonNode value = value(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof ObjectNode object)) {
      throw new SandboxInvalidRequest(path(key), path(key) + " must be a JSON object");
    }
    return new SandboxJsonObject(object, path(key) + ".");
  }

  /** Parses an instant such as {@code 2026-11-23T10:15:00Z} (an offset instead of Z is fine). */
  static Instant instant(String field, String text) throws SandboxInvalidRequest {
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new SandboxInvalidRequest(
          field,
          field + " must be an ISO-8601 instant such as 2026-11-23T10:15:00Z, not '" + text + "'");
    }
  }

  private JsonNode value(String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }
}
