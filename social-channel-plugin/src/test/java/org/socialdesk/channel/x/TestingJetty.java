package org.socialdesk.channel.x;

import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** An embedded Jetty on a free port serving the servlets a plugin mounted. */
final class TestingJetty implements AutoCloseable {

  private final Server server = new Server();

  TestingJetty(Map<String, TestingPluginContext.Mounted> mounted) throws Exception {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    mounted.forEach((path, servlet) -> context.addServlet(new ServletHolder(servlet.servlet()), path));
    server.setHandler(context);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
