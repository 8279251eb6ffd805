package org.socialdesk.host.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.socialdesk.host.http.JsonResponses;
import org.socialdesk.host.plugin.LoadedPlugin;
import org.socialdesk.host.plugin.PluginManager;

/** {@code /api/admin/*}: what admins ask a running host (its plugins and their state). */
final class AdminServlet extends HttpServlet {

  private final PluginManager plugins;

  AdminServlet(PluginManager plugins) {
    this.plugins = plugins;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    if (path.equals("/plugins")) {
      JsonResponses.write(response, 200, plugins.all().stream().map(AdminServlet::describe).toList());
      return;
    }
    JsonResponses.error(response, 404, "no admin resource at " + path);
  }

  private static Map<String, Object> describe(LoadedPlugin plugin) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("jar", plugin.path().getFileName().toString());
    plugin.descriptor().ifPresent(d -> {
      row.put("id", d.id());
      row.put("version", d.version());
      row.put("apiVersion", d.apiVersion().toString());
      row.put("description", d.description());
    });
    row.put("state", plugin.state().label());
    return row;
  }

}
