package org.socialdesk.host.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself produces (404, 405, a malformed request, an exception escaping a servlet) are
 * answered as {@code {"error": "..."}} whatever the client accepts: never an HTML page naming the
 * servlet class or the Jetty version, never a stack trace or an exception's message. Those go to
 * the log, and a 5xx says only that the server failed. One handler serves both the servlet context
 * and the server (requests Jetty refuses before any handler: an ambiguous URI, a malformed header);
 * the servlet flavour would only add error-page dispatch, which Socialdesk does not use.
 */
final class JsonErrorHandler extends ErrorHandler {

  static final String SERVER_FAILED =
      "Socialdesk failed to answer this request; the server log says why";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
    setShowMessageInTitle(false);
  }

  /** Every method gets a body, not only GET, POST and HEAD. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    writeJson(response, code, message, callback);
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    writeJson(response, code, message, callback);
    return true;
  }

  /**
   * A request so malformed that it never reached a handler (bad request line, header too large).
   */
  @Override
  public ByteBuffer badMessageError(int status, String message, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE));
    return ByteBuffer.wrap(body(status, message));
  }

  private static void writeJson(Response response, int code, String message, Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JsonResponses.CONTENT_TYPE);
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  static byte[] body(int code, String message) {
    String error =
        code >= 500
            ? SERVER_FAILED
            : message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    try {
      return JsonResponses.MAPPER.writeValueAsBytes(Map.of("error", error));
    } catch (IOException e) {
      return "{\"error\":\"error\"}".getBytes(StandardCharsets.UTF_8);
    }
  }
}
