package org.socialdesk.channel.sandbox;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socialdesk.api.channel.Ingest;
import org.socialdesk.api.channel.Ingest.IngestUnavailableException;
import org.socialdesk.api.social.InboundEvent;
import org.socialdesk.api.social.UntrustedText;
import org.socialdesk.channel.storage.ChannelStorageException;

/**
 * The sandbox's endpoints, mounted at {@code /api/channels/sandbox/*} for the admin token only:
 * {@code POST /posts}, {@code POST /posts/{id}/edit}, {@code DELETE /posts/{id}}, {@code GET|POST
 * /faults} and {@code GET /outbox}. Errors are JSON, {@code {"error": "...", "field": "..."}}; an
 * event is acknowledged only once the host stored it.
 */
final class SandboxServlet extends HttpServlet {

  static final int MAX_BODY_BYTES = 64 * 1024;
  static final int DEFAULT_OUTBOX_LIMIT = 100;
  static final int MAX_OUTBOX_LIMIT = 1000;

  private static final Logger log = LoggerFactory.getLogger(SandboxServlet.class);
  private static final Pattern POST = Pattern.compile("/posts/([^/]+)");
  private static final Pattern EDIT = Pattern.compile("/posts/([^/]+)/edit");

  private final SandboxPostReader reader;
  private final Ingest ingest;
  private final SandboxFaults faults;
  private final SandboxOutbox outbox;

  SandboxServlet(
      SandboxPostReader reader, Ingest ingest, SandboxFaults faults, SandboxOutbox outbox) {
    this.reader = reader;
    this.ingest = ingest;
    this.faults = faults;
    this.outbox = outbox;
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo() == null ? "/" : request.getPathInfo();
    try {
      route(path, request, response);
    } catch (Refusal e) {
      error(response, e.status, e.getMessage(), null);
    } catch (SandboxInvalidRequest e) {
      error(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage(), e.field());
    } catch (IngestUnavailableException e) {
      log.warn(
          "sandbox: the host could not store an event, answering 503: {}",
          UntrustedText.forLog(e.getMessage()));
      response.setHeader("Retry-After", "5");
      error(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "Socialdesk cannot store events right now; nothing was acknowledged, retry in 5 seconds",
          null);
    } catch (ChannelStorageException e) {
      log.error(
          "sandbox: database error on {} {}",
          UntrustedText.forLog(request.getMethod()),
          UntrustedText.forLog(path),
          e);
      error(
          response,
          HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
          "internal error; see the server log",
          null);
    }
  }

  private void route(String path, HttpServletRequest request, HttpServletResponse response)
      throws IOException, Refusal, SandboxInvalidRequest {
    Matcher post = POST.matcher(path);
    Matcher edit = EDIT.matcher(path);
    if (path.equals("/posts")) {
      allow(request, response, "POST");
      stored(response, ingest.accept(new InboundEvent.NewPost(reader.post(body(request)))));
    } else if (edit.matches()) {
      allow(request, response, "POST");
      stored(response, ingest.accept(reader.edit(edit.group(1), body(request))));
    } else if (post.matches()) {
      allow(request, response, "DELETE");
      stored(response, ingest.accept(reader.delete(post.group(1))));
    } else if (path.equals("/faults")) {
      allow(request, response, "GET", "POST");
      faults(request, response);
    } else if (path.equals("/outbox")) {
      allow(request, response, "GET");
      outbox(request, response);
    } else {
      throw new Refusal(
          HttpServletResponse.SC_NOT_FOUND,
          "no sandbox endpoint " + path + "; see the plugin's README");
    }
  }

  /** {@code GET} shows the fault switch, {@code POST {"publish": "fail-next-3"}} sets it. */
  private void faults(HttpServletRequest request, HttpServletResponse response)
      throws IOException, Refusal, SandboxInvalidRequest {
    if (request.getMethod().equals("POST")) {
      SandboxJsonObject json = SandboxJsonObject.parse(body(request)).allowOnly(List.of("publish"));
      faults.set("publish", json.requiredText("publish"));
      log.info("sandbox: fault switch set to publish={}", faults.describe());
    }
    write(response, HttpServletResponse.SC_OK, Map.of("publish", faults.describe()));
  }

  /** {@code GET /outbox?since=<instant>&limit=<n>}: what was published, newest first. */
  private void outbox(HttpServletRequest request, HttpServletResponse response)
      throws IOException, SandboxInvalidRequest {
    String since = request.getParameter("since");
    String limit = request.getParameter("limit");
    List<SandboxOutbox.Entry> entries =
        outbox.newestFirst(
            since == null ? null : SandboxJsonObject.instant("since", since), limit(limit));
    write(
        response,
        HttpServletResponse.SC_OK,
        entries.stream().map(SandboxOutbox.Entry::json).toList());
  }

  private static int limit(String text) throws SandboxInvalidRequest {
    if (text == null) {
      return DEFAULT_OUTBOX_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= MAX_OUTBOX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Reported below, with the allowed range.
    }
    throw new SandboxInvalidRequest(
        "limit", "limit must be a whole number from 1 to " + MAX_OUTBOX_LIMIT);
  }

  /** 202 for an event stored now, 200 for one stored before. */
  private static void stored(HttpServletResponse response, Ingest.Accepted accepted)
      throws IOException {
    switch (accepted) {
      case STORED -> write(response, HttpServletResponse.SC_ACCEPTED, Map.of("status", "stored"));
      case DUPLICATE -> write(response, HttpServletResponse.SC_OK, Map.of("status", "duplicate"));
    }
  }

  /** The body; refused when larger than 64 KB. */
  private static byte[] body(HttpServletRequest request) throws IOException, Refusal {
    byte[] body = new byte[0];
    if (request.getContentLengthLong() <= MAX_BODY_BYTES) {
      try (InputStream in = request.getInputStream()) {
        body = in.readNBytes(MAX_BODY_BYTES + 1);
      }
    }
    if (request.getContentLengthLong() > MAX_BODY_BYTES || body.length > MAX_BODY_BYTES) {
      throw new Refusal(
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "the body is larger than 64 KB; send one post per request");
    }
    return body;
  }

  /** Refuses with 405 unless the request's method is one of {@code methods}. */
  private static void allow(
      HttpServletRequest request, HttpServletResponse response, String... methods) throws Refusal {
    if (!List.of(methods).contains(request.getMethod())) {
      response.setHeader("Allow", String.join(", ", methods));
      throw new Refusal(
          HttpServletResponse.SC_METHOD_NOT_ALLOWED,
          request.getPathInfo()
              + " accepts "
              + String.join(" or ", methods)
              + ", not "
              + request.getMethod());
    }
  }

  private static void error(HttpServletResponse response, int status, String message, String field)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    write(response, status, body);
  }

  private static void write(HttpServletResponse response, int status, Object body)
      throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    SandboxJsonObject.MAPPER.writeValue(response.getOutputStream(), body);
  }

  /** A request refused before its content is read: unknown path, wrong method, too large. */
  private static final class Refusal extends Exception {
    private final int status;

    Refusal(int status, String message) {
      super(message);
      this.status = status;
    }
  }
}
