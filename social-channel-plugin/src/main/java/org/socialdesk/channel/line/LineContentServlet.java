package org.socialdesk.channel.line;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * {@code GET /api/channels/line/content/{messageId}?expires=&signature=}: a customer's image,
 * video, audio or file, fetched from LINE's content API with the channel access token and passed on
 * to the agent. Mounted public: the link itself is the credential ({@link LineContentLinks}), so
 * agents open it from the ticket; a link that is forged, altered or expired is 403, a message the
 * channel did not take in 404. What LINE serves is the customer's, so it is never rendered as a
 * page of Socialdesk: only common image, video and audio types are shown inline, everything else is
 * a download, and the answer forbids scripts and sniffing.
 */
final class LineContentServlet extends HttpServlet {

  static final String PATH = "/api/channels/line/content/*";

  private static final Logger log = LoggerFactory.getLogger(LineContentServlet.class);
  private static final Set<String> INLINE =
      Set.of(
          "image/jpeg",
          "image/png",
          "image/gif",
          "image/webp",
          "video/mp4",
          "audio/mp4",
          "audio/m4a",
          "audio/x-m4a",
          "audio/aac",
          "audio/mpeg");

  private final transient LineContentLinks links;
  private final transient LineMessages messages;
  private final transient LineApi api;

  LineContentServlet(LineContentLinks links, LineMessages messages, LineApi api) {
    this.links = links;
    this.messages = messages;
    this.api = api;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String messageId = request.getPathInfo() == null ? "" : request.getPathInfo().substring(1);
    if (UntrustedText.idProblem(messageId).isPresent()) {
      error(response, HttpServletResponse.SC_NOT_FOUND, "no such content");
      return;
    }
    String problem =
        links.problem(
            messageId, request.getParameter("expires"), request.getParameter("signature"));
    if (problem != null) {
      error(response, HttpServletResponse.SC_FORBIDDEN, problem);
      return;
    }
    Optional<LineMessages.Row> message;
    try {
      message = messages.find(messageId);
    } catch (ChannelStorageException e) {
      response.setHeader("Retry-After", "5");
      error(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Socialdesk cannot read its storage right now; try again in a moment");
      return;
    }
    if (message.isEmpty() || !message.get().isCustomers()) {
      error(response, HttpServletResponse.SC_NOT_FOUND, "Socialdesk no longer knows this message");
      return;
    }
    relay(messageId, message.get(), response);
  }

  private void relay(String messageId, LineMessages.Row message, HttpServletResponse response)
      throws IOException {
    HttpResponse<InputStream> content;
    try {
      content = api.content(messageId);
    } catch (IOException e) {
      log.warn(
          "line: cannot fetch the content of message {}: {}",
          messageId,
          UntrustedText.forLog(e.toString()));
      error(
          response,
          HttpServletResponse.SC_BAD_GATEWAY,
          "LINE did not answer; try again in a moment");
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Socialdesk is stopping");
      return;
    }
    try (InputStream body = content.body()) {
      if (content.statusCode() == 404 || content.statusCode() == 410) {
        error(
            response,
            HttpServletResponse.SC_NOT_FOUND,
            "LINE no longer keeps this content (it deletes users' content after a while)");
        return;
      }
      if (content.statusCode() != 200) {
        log.warn(
            "line: fetching the content of message {} answered {}",
            messageId,
            content.statusCode());
        error(
            response,
            HttpServletResponse.SC_BAD_GATEWAY,
            "LINE answered " + content.statusCode() + " for this content");
        return;
      }
      String type =
          content
              .headers()
              .firstValue("Content-Type")
              .orElse("application/octet-stream")
              .split(";")[0]
              .strip()
              .toLowerCase();
      boolean inline = INLINE.contains(type);
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(inline ? type : "application/octet-stream");
      response.setHeader(
          "Content-Disposition",
          (inline ? "inline" : "attachment")
              + "; filename=\"line-"
              + messageId
              + extension(message)
              + "\"");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
      response.setHeader("Cache-Control", "private, max-age=300");
      content
          .headers()
          .firstValueAsLong("Content-Length")
          .ifPresent(response::setContentLengthLong);
      body.transferTo(response.getOutputStream());
    }
  }

  private static String extension(LineMessages.Row message) {
    return switch (message.contentKind() == null ? "" : message.contentKind()) {
      case "image" -> ".jpg";
      case "video" -> ".mp4";
      case "audio" -> ".m4a";
      default -> "";
    };
  }

  private static void error(HttpServletResponse response, int status, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(LineJson.write(Map.of("error", message)));
  }
}
