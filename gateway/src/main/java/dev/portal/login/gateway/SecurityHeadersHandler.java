package dev.portal.login.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/** Adds the defensive headers every response carries, and forbids caching of anything under /api. */
final class SecurityHeadersHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY")
        .set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    String path = ctx.normalizedPath();
    if (path.equals("/api") || path.startsWith("/api/")) {
      headers.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
