package org.socialdesk.host.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the open server-sent event streams ({@code text/event-stream} answered asynchronously, such
 * as the live wall's), so that a shutdown can end them first. A stream has no end to wait for: left
 * open, it would hold the shutdown for the whole grace period that ordinary requests get. Its
 * client reconnects by itself (the SSE {@code retry}) to whichever instance is up.
 */
final class EventStreams extends HttpFilter {

  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);

  private final Set<AsyncContext> open = ConcurrentHashMap.newKeySet();
  private volatile boolean ending;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    chain.doFilter(request, response);
    if (!request.isAsyncStarted() || !isEventStream(response.getContentType())) {
      return;
    }
    AsyncContext async = request.getAsyncContext();
    async.addListener(new Forget(async));
    open.add(async);
    if (ending) {
      end(async); // began while the others were being ended
    }
  }

  private static boolean isEventStream(String contentType) {
    return contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
  }

  /** How many streams are open now. */
  int openCount() {
    return open.size();
  }

  /** Ends every open stream now; called as the server begins to stop. */
  void endAll() {
    ending = true;
    for (AsyncContext async : open) {
      end(async);
    }
  }

  private void end(AsyncContext async) {
    open.remove(async);
    try {
      async.complete();
    } catch (IllegalStateException e) {
      log.debug("Event stream already complete: {}", e.toString());
    }
  }

  /** Forgets a stream that ended by itself (client gone, servlet done). */
  private final class Forget implements AsyncListener {
    private final AsyncContext async;

    Forget(AsyncContext async) {
      this.async = async;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      open.remove(async);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      open.remove(async);
    }

    @Override
    public void onError(AsyncEvent event) {
      open.remove(async);
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // the same stream, started again: still open
    }
  }
}
