package org.socialdesk.host.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.socialdesk.api.ConfigException;
import org.socialdesk.api.Secret;

/**
 * Binds YAML text onto configuration records: kebab-case keys, {@code ${ENV}} expansion in text
 * values, {@link Secret} and {@link Duration} values, and every problem collected with its line.
 */
final class ConfigBinder {

  static final String EXPANSION = EnvironmentExpansion.class.getName();

  private final ObjectMapper mapper;
  private final EnvironmentExpansion expansion;
  private final String source;
  private final byte[] yaml;

  ConfigBinder(EnvironmentExpansion expansion, String source, byte[] yaml) {
    this.expansion = expansion;
    this.source = source;
    this.yaml = yaml.clone();
    this.mapper = newMapper();
  }

  /** Binds the whole document (or an empty one) to {@code type}. */
  <T> T bindRoot(Class<T> type) {
    return bind(type, parser -> true);
  }

  /**
   * Binds the mapping at {@code plugins.<id>} to {@code type}; an absent section binds as empty.
   */
  <T> T bindPluginSection(String pluginId, Class<T> type) {
    return bind(type, parser -> seek(parser, "plugins") && seek(parser, pluginId));
  }

  boolean hasPluginSection(String pluginId) {
    try (JsonParser parser = mapper.createParser(yaml)) {
      parser.nextToken();
      return seek(parser, "plugins") && seek(parser, pluginId);
    } catch (IOException e) {
      return false;
    }
  }

  private <T> T bind(Class<T> type, Seeker seeker) {
    ConfigProblems problems = new ConfigProblems(source);
    T value = null;
    String prefix = "";
    try (JsonParser parser = mapper.createParser(yaml)) {
      checkKeys(type, seeker, problems);
      boolean found = parser.nextToken() != null && seeker.seek(parser);
      if (found && parser.currentToken() == JsonToken.VALUE_NULL) {
        found = false;
      }
      prefix = found ? problems.keyPath(parser) : "";
      value =
          mapper
              .readerFor(type)
              .withAttribute(ProblemCollectingHandler.ATTRIBUTE, problems)
              .withAttribute(EXPANSION, expansion)
              .readValue(found ? parser : mapper.createParser("{}"));
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      problems.add(prefix, e.getLocation(), cause.getMessage());
    } catch (JsonProcessingException e) {
      problems.add(prefix, e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("cannot read " + source + ": " + e.getMessage(), e);
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    return value;
  }

  private void checkKeys(Class<?> type, Seeker seeker, ConfigProblems problems) throws IOException {
    try (JsonParser parser = mapper.createParser(yaml)) {
      if (parser.nextToken() != null && seeker.seek(parser)) {
        KeyCheck.check(parser, type, problems);
      }
    }
  }

  /** Moves the parser, positioned on an object's start, to the value of {@code key}. */
  private static boolean seek(JsonParser parser, String key) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (name.equals(key)) {
        return true;
      }
      parser.skipChildren();
    }
    return false;
  }

  @FunctionalInterface
  private interface Seeker {
    boolean seek(JsonParser parser) throws IOException;
  }

  private static ObjectMapper newMapper() {
    SimpleModule values = new SimpleModule("socialdesk-config-values");
    values.addDeserializer(String.class, new TextDeserializer());
    values.addDeserializer(Secret.class, new SecretDeserializer());
    values.addDeserializer(Duration.class, new DurationDeserializer());
    values.addDeserializer(URI.class, new UriDeserializer());
    // A key given twice is an error, not "the first one wins": the admin meant one of them.
    YAMLFactory yaml =
        YAMLFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return new ObjectMapper(yaml)
        .registerModule(values)
        .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
        // KeyCheck reports unknown keys with their lines before binding starts.
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .addHandler(new ProblemCollectingHandler());
  }

  /** A scalar as text, with environment references expanded; unset variables are problems. */
  static String expandedText(JsonParser parser, DeserializationContext context) throws IOException {
    if (!parser.currentToken().isScalarValue()) {
      return (String) context.handleUnexpectedToken(String.class, parser);
    }
    String raw = parser.getValueAsString();
    EnvironmentExpansion expansion = (EnvironmentExpansion) context.getAttribute(EXPANSION);
    ConfigProblems problems = ProblemCollectingHandler.problems(context);
    return expansion.expand(
        raw,
        name ->
            problems.add(parser, "refers to environment variable " + name + ", which is not set"));
  }

  private static final class TextDeserializer extends JsonDeserializer<String> {
    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return expandedText(parser, context);
    }
  }

  private static final class SecretDeserializer extends JsonDeserializer<Secret> {
    @Override
    public Secret deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = expandedText(parser, context);
      return text == null ? null : Secret.of(text);
    }
  }

  private static final class DurationDeserializer extends JsonDeserializer<Duration> {
    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = expandedText(parser, context);
      if (text == null || text.isEmpty()) {
        return null;
      }
      try {
        return DurationText.parse(text);
      } catch (IllegalArgumentException e) {
        ProblemCollectingHandler.problems(context).add(parser, e.getMessage());
        return null;
      }
    }
  }

  private static final class UriDeserializer extends JsonDeserializer<URI> {
    @Override
    public URI deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      String text = expandedText(parser, context);
      if (text == null || text.isEmpty()) {
        return null;
      }
      try {
        URI uri = new URI(text);
        if (uri.getScheme() == null || uri.getHost() == null) {
          throw new URISyntaxException(
              text, "needs a scheme and a host, e.g. http://127.0.0.1:8095");
        }
        return uri;
      } catch (URISyntaxException e) {
        ProblemCollectingHandler.problems(context).add(parser, "is not a URL: " + e.getMessage());
        return null;
      }
    }
  }
}
