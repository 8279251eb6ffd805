package org.socialdesk.sla.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of bound configuration collections that keep order and tolerate null entries (an empty
 * YAML item), so that {@link SlaPolicyCompiler} reports them as problems instead of a bare {@code
 * NullPointerException}.
 */
final class SlaConfigValues {

  private SlaConfigValues() {}

  static <T> List<T> list(List<T> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }

  static <K, V> Map<K, V> map(Map<K, V> values) {
    return values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
