package dev.portal.login.gateway;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/**
 * The device token as a browser keeps it: an HttpOnly, SameSite=Strict cookie scoped to the auth
 * routes (Secure when the request came over TLS). API clients send the body field instead; the
 * login role checks the token, the gateway only carries it.
 */
final class DeviceCookie {
  static final String NAME = "device_token";
  static final String PATH = "/api/v1/auth";

  private DeviceCookie() {
  }

  /** The login request with the cookie's token added, unless the body already names one. */
  static JsonObject withPresentedToken(RoutingContext ctx, JsonObject body) {
    Cookie cookie = ctx.request().getCookie(NAME);
    if (cookie == null || body.containsKey(NAME)) {
      return body;
    }
    return body.copy().put(NAME, cookie.getValue());
  }

  /** Sets the cookie from a successful login's reply; the token stays in the reply for API clients. */
  static void set(RoutingContext ctx, JsonObject reply, Duration maxAge) {
    String token = reply.getString(NAME);
    if (token == null) {
      return;
    }
    ctx.response().addCookie(Cookie.cookie(NAME, token)
        .setPath(PATH)
        .setMaxAge(maxAge.toSeconds())
        .setHttpOnly(true)
        .setSameSite(CookieSameSite.STRICT)
        .setSecure(RequestContextHandler.overTls(ctx)));
  }
}
