package org.socialdesk.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextualExtensionsTest {

  /**
   * A method the wrapper does not forward would answer the interface's default, not the plugin's.
   */
  @Test
  void everyWrapperForwardsEveryMethodOfItsInterfaceDefaultOnesIncluded() {
    for (Class<?> wrapper : ContextualExtensions.class.getDeclaredClasses()) {
      for (Class<?> extension : wrapper.getInterfaces()) {
        List<String> missing =
            Arrays.stream(extension.getMethods())
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !declares(wrapper, method))
                .map(Method::getName)
                .toList();
        assertThat(missing)
            .as(wrapper.getSimpleName() + " forwards every method of " + extension.getSimpleName())
            .isEmpty();
      }
    }
    assertThat(ContextualExtensions.class.getDeclaredClasses()).hasSize(4);
  }

  private static boolean declares(Class<?> wrapper, Method method) {
    try {
      wrapper.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
