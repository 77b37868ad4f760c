package dev.portal.login.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.HashMap;
import java.util.Map;

/**
 * Serves the portal's web pages (sign-in, account, security console, the e-mail links' pages) and
 * their assets from the classpath: plain HTML, one stylesheet and small JavaScript modules, no build
 * step and nothing from another origin, so the pages' Content-Security-Policy can forbid the rest.
 */
final class WebPages {
  /** Each page's path and its file under {@value #ROOT}. */
  static final Map<String, String> PAGES = Map.of(
      "/", "index.html",
      "/account", "account.html",
      "/console", "console.html",
      "/verify-email", "verify-email.html",
      "/reset-password", "reset-password.html");
  static final String ASSETS_PREFIX = "/assets/";

  private static final String ROOT = "web/";
  private static final String HTML = "text/html; charset=utf-8";
  /**
   * Asset names carry no content hash, so a browser may keep one only briefly before it revalidates
   * (Last-Modified): a new release reaches every browser within this time.
   */
  private static final int ASSET_MAX_AGE_SECONDS = 300;

  private final Vertx vertx;
  /** Page bodies read once; every handler runs on the verticle's own event loop, so no locking. */
  private final Map<String, Future<Buffer>> pages = new HashMap<>();

  WebPages(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Whether a path is a page or an asset (they get the pages' policy rather than the API's). */
  static boolean isWebPath(String path) {
    return PAGES.containsKey(path) || path.startsWith(ASSETS_PREFIX);
  }

  /** Adds the page routes and the asset route; a missing asset falls through to the router's 404 problem. */
  void mount(Router router) {
    PAGES.forEach((path, file) -> router.get(path).handler(ctx -> page(ctx, file)));
    router.get(ASSETS_PREFIX + "*").handler(StaticHandler.create(ROOT + "assets")
        .setDirectoryListing(false)
        .setIncludeHidden(false)
        .setCachingEnabled(true)
        .setMaxAgeSeconds(ASSET_MAX_AGE_SECONDS));
  }

  private void page(RoutingContext ctx, String file) {
    body(file)
        .compose(body -> ctx.response()
            .putHeader("Content-Type", HTML)
            // revalidate each time: a page names the assets it needs, so it must be the current release's
            .putHeader("Cache-Control", "no-cache")
            .end(body))
        .onFailure(ctx::fail);
  }

  private Future<Buffer> body(String file) {
    Future<Buffer> cached = pages.get(file);
    if (cached != null && !cached.failed()) {
      return cached;
    }
    Future<Buffer> read = vertx.fileSystem().readFile(ROOT + file);
    pages.put(file, read);
    return read;
  }
}
