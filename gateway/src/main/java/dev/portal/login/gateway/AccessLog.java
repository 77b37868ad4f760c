package dev.portal.login.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One line per request once it is answered: method, path, status, duration and request id, so the
 * id a caller quotes leads to the instance, the outcome and the time it took. Never the query string,
 * headers or bodies: identifiers, codes and tokens travel there. Health probes and scrapes, which
 * arrive every few seconds from machines, go at DEBUG so they do not drown the people's requests.
 */
final class AccessLog implements Handler<RoutingContext> {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  static final String REQUEST_ID = "requestId";
  private static final int MAX_PATH_CHARS = 256;

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    // the end handler's own result is no guide: it came back failed for complete answers to the JDK
    // client, which asks for an h2c upgrade, so whether the answer went out is read off the response
    ctx.addEndHandler(ignored -> write(ctx, started, ctx.response().ended()));
    ctx.next();
  }

  private static void write(RoutingContext ctx, long started, boolean answered) {
    String path = ctx.request().path();
    boolean routine = path != null && (path.startsWith("/health/") || "/metrics".equals(path));
    if (routine ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
      return;
    }
    String shownPath = path == null ? "" : path.length() <= MAX_PATH_CHARS ? path : path.substring(0, MAX_PATH_CHARS);
    String method = ctx.request().method().name();
    int status = ctx.response().getStatusCode();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    String requestId = RequestContextHandler.of(ctx).requestId();
    LoggingEventBuilder line = routine ? log.atDebug() : log.atInfo();
    line.addKeyValue(REQUEST_ID, requestId)
        .addKeyValue("method", method)
        .addKeyValue("path", shownPath)
        .addKeyValue("status", status)
        .addKeyValue("durationMs", millis)
        .log("{} {} {} in {} ms, request {}{}", method, shownPath, status, millis, requestId,
            answered ? "" : " (connection closed before the answer was complete)");
  }
}
