package org.socialdesk.host.http;

import org.eclipse.jetty.ee10.servlet.ErrorHandler;

/**
 * Errors Jetty itself produces (404, an exception escaping a servlet) never show a stack trace or
 * an exception's message: those go to the log. JSON clients get JSON from Jetty's own handler.
 */
final class JsonErrorHandler extends ErrorHandler {

  JsonErrorHandler() {
    setShowStacks(false);
    setShowMessageInTitle(false);
  }
}
