package org.socialdesk.host.plugin;

/**
 * Sets the thread's context class loader to a plugin's for the duration of a call into it, so
 * libraries inside the plugin that look up resources through the context loader find its own.
 */
final class ThreadContextClassLoader implements AutoCloseable {

  private final ClassLoader previous;

  private ThreadContextClassLoader(ClassLoader previous) {
    this.previous = previous;
  }

  static ThreadContextClassLoader switchTo(ClassLoader loader) {
    Thread thread = Thread.currentThread();
    ThreadContextClassLoader restore = new ThreadContextClassLoader(thread.getContextClassLoader());
    thread.setContextClassLoader(loader);
    return restore;
  }

  @Override
  public void close() {
    Thread.currentThread().setContextClassLoader(previous);
  }
}
