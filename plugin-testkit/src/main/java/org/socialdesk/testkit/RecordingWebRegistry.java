package org.socialdesk.testkit;

import jakarta.servlet.http.HttpServlet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host's web registry as tests want it: records what a plugin mounts, in order, and refuses a
 * path already taken, as the host does. {@link TestingJetty} serves the recorded servlets.
 */
public final class RecordingWebRegistry implements org.socialdesk.api.WebRegistry {

  private final Map<String, Mount> mounts = Collections.synchronizedMap(new LinkedHashMap<>());

  /** One mounted servlet and who may call it. */
  public record Mount(HttpServlet servlet, Access access) {}

  @Override
  public void mount(String pathSpec, HttpServlet servlet, Access access) {
    if (mounts.putIfAbsent(pathSpec, new Mount(servlet, access)) != null) {
      throw new IllegalArgumentException("the path " + pathSpec + " is already taken");
    }
  }

  /** What was mounted, by path spec, in mounting order (a live view). */
  public Map<String, Mount> mounts() {
    return Collections.unmodifiableMap(mounts);
  }
}
