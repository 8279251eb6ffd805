package org.socialdesk.host.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.socialdesk.host.http.JsonResponses;
import org.socialdesk.host.pipeline.Pipeline;
import org.socialdesk.host.plugin.LoadedPlugin;
import org.socialdesk.host.plugin.PluginManager;
import org.socialdesk.host.replies.PublicationLog;

/**
 * {@code /api/admin/*}: what admins ask a running host: its plugins and their state, the pipeline's
 * backlog, and the log of what was published under the brand's name.
 */
final class AdminServlet extends HttpServlet {

  private final PluginManager plugins;
  private final Supplier<PublicationLog> publications;
  private final Supplier<Pipeline> pipeline;

  /**
   * @param publications the publication log, once the database is open
   * @param pipeline the ticket pipeline, once it exists
   */
  AdminServlet(
      PluginManager plugins, Supplier<PublicationLog> publications, Supplier<Pipeline> pipeline) {
    this.plugins = plugins;
    this.publications = publications;
    this.pipeline = pipeline;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    if (path.equals("/plugins")) {
      JsonResponses.write(
          response, 200, plugins.all().stream().map(AdminServlet::describe).toList());
      return;
    }
    if (path.equals("/published")) {
      publishedLog(request, response);
      return;
    }
    if (path.equals("/pipeline")) {
      Pipeline current = pipeline.get();
      if (current == null) {
        JsonResponses.error(response, 503, "Socialdesk is still starting");
      } else {
        JsonResponses.write(response, 200, current.status());
      }
      return;
    }
    JsonResponses.error(response, 404, "no admin resource at " + path);
  }

  /** {@code GET /api/admin/published?since=ISO-instant&limit=N} (default: the last 7 days, 100). */
  private void publishedLog(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PublicationLog log = publications.get();
    if (log == null) {
      JsonResponses.error(response, 503, "Socialdesk is still starting");
      return;
    }
    Instant since;
    int limit;
    try {
      String sinceText = request.getParameter("since");
      since =
          sinceText == null ? Instant.now().minus(Duration.ofDays(7)) : Instant.parse(sinceText);
      String limitText = request.getParameter("limit");
      limit = limitText == null ? 100 : Integer.parseInt(limitText);
      if (limit < 1 || limit > 1000) {
        throw new NumberFormatException();
      }
    } catch (DateTimeParseException e) {
      JsonResponses.error(
          response, 400, "since must be an ISO-8601 instant, e.g. 2026-11-23T00:00:00Z");
      return;
    } catch (NumberFormatException e) {
      JsonResponses.error(response, 400, "limit must be a whole number from 1 to 1000");
      return;
    }
    JsonResponses.write(response, 200, log.since(since, limit));
  }

  private static Map<String, Object> describe(LoadedPlugin plugin) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("jar", plugin.path().getFileName().toString());
    plugin
        .descriptor()
        .ifPresent(
            d -> {
              row.put("id", d.id());
              row.put("version", d.version());
              row.put("apiVersion", d.apiVersion().toString());
              row.put("description", d.description());
            });
    row.put("state", plugin.state().label());
    return row;
  }
}
