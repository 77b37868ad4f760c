package dev.portal.login.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds the defensive headers every response carries, and forbids caching of anything under /api.
 * The web pages get a Content-Security-Policy that allows only this origin's scripts, styles and
 * connections (plus inline PNG images, for the authenticator QR code); everything else keeps the
 * API's policy, which allows nothing at all.
 */
final class SecurityHeadersHandler implements Handler<RoutingContext> {
  static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
  /** No page needs a device feature; deny the powerful ones outright. */
  static final String PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
      + "magnetometer=(), microphone=(), payment=(), usb=()";
  /** Browsers heed it only over HTTPS (behind the TLS proxy of a deployment); over plain HTTP it is ignored. */
  static final String STRICT_TRANSPORT = "max-age=31536000; includeSubDomains";

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    String path = ctx.normalizedPath();
    boolean webPage = WebPages.isWebPath(path);
    headers.set("X-Content-Type-Options", "nosniff")
        .set("Referrer-Policy", "no-referrer")
        .set("X-Frame-Options", "DENY")
        .set("Content-Security-Policy", webPage ? PAGE_POLICY : API_POLICY)
        .set("Permissions-Policy", PERMISSIONS_POLICY)
        .set("Strict-Transport-Security", STRICT_TRANSPORT);
    if (webPage) {
      headers.set("Cross-Origin-Opener-Policy", "same-origin");
    }
    if (path.equals("/api") || path.startsWith("/api/")) {
      headers.set("Cache-Control", "no-store");
    }
    ctx.next();
  }
}
