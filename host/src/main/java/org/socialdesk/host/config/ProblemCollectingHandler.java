package org.socialdesk.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import java.io.IOException;

/**
 * Turns Jackson's fatal binding errors into collected problems and carries on, so one run finds
 * every unknown key and wrong type in the file.
 */
final class ProblemCollectingHandler extends DeserializationProblemHandler {

  static final String ATTRIBUTE = ConfigProblems.class.getName();

  static ConfigProblems problems(DeserializationContext context) {
    return (ConfigProblems) context.getAttribute(ATTRIBUTE);
  }

  @Override
  public Object handleWeirdStringValue(
      DeserializationContext context, Class<?> targetType, String value, String failureMsg) {
    if (value.contains("${")) {
      // A number or switch from the environment, e.g. port: ${PORT}.
      EnvironmentExpansion expansion =
          (EnvironmentExpansion) context.getAttribute(ConfigBinder.EXPANSION);
      String expanded =
          expansion.expand(
              value,
              name ->
                  problems(context)
                      .add(
                          context.getParser(),
                          "refers to environment variable " + name + ", which is not set"));
      Object parsed = parseScalar(targetType, expanded.strip());
      if (parsed != null) {
        return parsed;
      }
      value = value + "' (= '" + expanded;
    }
    problems(context)
        .add(context.getParser(), "expects " + describe(targetType) + ", got '" + value + "'");
    return placeholder(targetType);
  }

  /** The text as the target's scalar type, or null if it is not one. */
  private static Object parseScalar(Class<?> type, String text) {
    try {
      if (type == int.class || type == Integer.class) {
        return Integer.valueOf(text);
      }
      if (type == long.class || type == Long.class) {
        return Long.valueOf(text);
      }
      if (type == double.class || type == Double.class) {
        return Double.valueOf(text);
      }
    } catch (NumberFormatException e) {
      return null;
    }
    if ((type == boolean.class || type == Boolean.class)
        && (text.equals("true") || text.equals("false"))) {
      return Boolean.valueOf(text);
    }
    return null;
  }

  @Override
  public Object handleWeirdNumberValue(
      DeserializationContext context, Class<?> targetType, Number value, String failureMsg) {
    problems(context)
        .add(context.getParser(), "expects " + describe(targetType) + ", got " + value);
    return placeholder(targetType);
  }

  @Override
  public Object handleUnexpectedToken(
      DeserializationContext context,
      JavaType targetType,
      JsonToken token,
      JsonParser parser,
      String failureMsg)
      throws IOException {
    problems(context)
        .add(parser, "expects " + describe(targetType.getRawClass()) + ", got " + describe(token));
    parser.skipChildren();
    return placeholder(targetType.getRawClass());
  }

  @Override
  public Object handleMissingInstantiator(
      DeserializationContext context,
      Class<?> instClass,
      ValueInstantiator instantiator,
      JsonParser parser,
      String msg)
      throws IOException {
    problems(context)
        .add(parser, "expects " + describe(instClass) + ", got " + describe(parser.currentToken()));
    parser.skipChildren();
    return null;
  }

  private static Object placeholder(Class<?> type) {
    if (type == int.class || type == Integer.class) {
      return 0;
    }
    if (type == long.class || type == Long.class) {
      return 0L;
    }
    if (type == double.class || type == Double.class) {
      return 0.0;
    }
    if (type == boolean.class || type == Boolean.class) {
      return false;
    }
    return null;
  }

  private static String describe(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type == java.time.Duration.class) {
      return "a duration such as 500ms, 30s, 5m or 2h";
    }
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a section of keys";
    }
    return type.getSimpleName();
  }

  private static String describe(JsonToken token) {
    if (token == null) {
      return "nothing";
    }
    return switch (token) {
      case START_OBJECT -> "a section of keys";
      case START_ARRAY -> "a list";
      case VALUE_STRING -> "a text value";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "an empty value";
      default -> token.asString() == null ? token.name() : token.asString();
    };
  }
}
