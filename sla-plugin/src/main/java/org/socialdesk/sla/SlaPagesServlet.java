package org.socialdesk.sla;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The static files of one page ({@code /sla/} or {@code /wall/}), read from this plugin's jar:
 * HTML, JavaScript and CSS that hold no data (the data comes from admin-only APIs), and {@code
 * assets/echarts.min.js} from the bundled echarts WebJar. Nothing is loaded from the internet.
 */
final class SlaPagesServlet extends HttpServlet {

  static final String ROOT = "org/socialdesk/sla/web/";
  static final String ECHARTS = "assets/echarts.min.js";
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|js|css|svg)");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml");

  private final String page;

  /** Serves {@code org/socialdesk/sla/web/<page>/} and the shared files of {@code web/}. */
  SlaPagesServlet(String page) {
    this.page = Objects.requireNonNull(page, "page");
  }

  /** Where the echarts bundle lives in the WebJar, from the version Maven filtered in. */
  static String echartsResource() {
    Properties properties = new Properties();
    try (InputStream in =
        SlaPagesServlet.class.getClassLoader().getResourceAsStream(ROOT + "echarts.properties")) {
      properties.load(Objects.requireNonNull(in, ROOT + "echarts.properties is missing"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "META-INF/resources/webjars/echarts/"
        + properties.getProperty("version")
        + "/dist/echarts.min.js";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null) {
      response.sendRedirect(request.getRequestURI() + "/");
      return;
    }
    String name = path.equals("/") ? "index.html" : path.substring(1);
    String resource;
    if (name.equals(ECHARTS)) {
      resource = echartsResource();
    } else if (NAME.matcher(name).matches()) {
      resource = ROOT + page + "/" + name;
      if (SlaPagesServlet.class.getClassLoader().getResource(resource) == null) {
        resource = ROOT + name; // shared between the pages
      }
    } else {
      resource = null;
    }
    InputStream in =
        resource == null
            ? null
            : SlaPagesServlet.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      response.sendError(404);
      return;
    }
    try (in) {
      String extension = name.substring(name.lastIndexOf('.') + 1);
      response.setContentType(TYPES.get(extension));
      response.setHeader(
          "Cache-Control", name.equals(ECHARTS) ? "public, max-age=86400" : "no-cache");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Referrer-Policy", "no-referrer");
      if (extension.equals("svg")) {
        // An image only: nothing in it may run or load.
        response.setHeader(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      }
      if (extension.equals("html")) {
        // The token comes in the fragment and must not leak; everything the page loads is its own.
        response.setHeader(
            "Content-Security-Policy",
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
      }
      in.transferTo(response.getOutputStream());
    }
  }
}
