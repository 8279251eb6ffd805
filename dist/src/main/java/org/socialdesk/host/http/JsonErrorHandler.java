package org.socialdesk.host.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself produces (404, an exception escaping a servlet) never show a stack trace or
 * an exception's message: those go to the log, and a 5xx says only that the server failed. JSON
 * clients get JSON from Jetty's own handler.
 */
final class JsonErrorHandler extends ErrorHandler {

  static final String SERVER_FAILED = "Socialdesk failed to answer this request; the server log says why";

  JsonErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
  }

  @Override
  protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
      List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
    boolean serverFailed = code >= 500;
    return super.generateAcceptableResponse(request, response, callback, contentType, charsets, code,
        serverFailed ? SERVER_FAILED : message, serverFailed ? null : cause);
  }
}
