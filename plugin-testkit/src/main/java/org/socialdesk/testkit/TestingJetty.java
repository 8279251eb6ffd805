package org.socialdesk.testkit;

import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * An embedded Jetty on a free port of 127.0.0.1 serving the servlets a plugin mounted, at their
 * path specs. Access levels are not enforced: tests call the servlets directly.
 */
public final class TestingJetty implements AutoCloseable {

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);

  /** Starts serving {@code mounts} (typically {@link RecordingWebRegistry#mounts()}). */
  public TestingJetty(Map<String, RecordingWebRegistry.Mount> mounts) throws Exception {
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    mounts.forEach((path, mount) -> context.addServlet(new ServletHolder(mount.servlet()), path));
    server.setHandler(context);
    server.start();
  }

  /** The address of {@code path} (starting with {@code /}) on this server. */
  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
