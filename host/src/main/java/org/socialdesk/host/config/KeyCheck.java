package org.socialdesk.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds keys that no configuration record declares, each with its own line. Jackson cannot do this
 * for records: it buffers unknown keys of a constructor-bound type and reports them only after the
 * whole section, without their lines.
 */
final class KeyCheck {

  private static final PropertyNamingStrategies.NamingBase KEBAB =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

  private KeyCheck() {}

  /** Walks the value at the parser's current token as {@code type}, leaving the parser after it. */
  static void check(JsonParser parser, Type type, ConfigProblems problems) throws IOException {
    JsonToken token = parser.currentToken();
    Class<?> raw = rawClass(type);
    if (token == JsonToken.START_OBJECT && raw.isRecord()) {
      checkRecord(parser, raw, problems);
    } else if (token == JsonToken.START_OBJECT && Map.class.isAssignableFrom(raw)) {
      Type values = typeArgument(type, 1);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        parser.nextToken();
        check(parser, values, problems);
      }
    } else if (token == JsonToken.START_ARRAY && Collection.class.isAssignableFrom(raw)) {
      Type elements = typeArgument(type, 0);
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        check(parser, elements, problems);
      }
    } else {
      parser.skipChildren();
    }
  }

  private static void checkRecord(JsonParser parser, Class<?> record, ConfigProblems problems)
      throws IOException {
    Map<String, Type> known = new LinkedHashMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      known.put(KEBAB.translate(component.getName()), component.getGenericType());
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      Type valueType = known.get(key);
      if (valueType == null) {
        problems.add(
            parser,
            "is not a known key; known keys here: "
                + String.join(", ", new TreeSet<>(known.keySet())));
      }
      parser.nextToken();
      check(parser, valueType == null ? JsonNode.class : valueType, problems);
    }
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
