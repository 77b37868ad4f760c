package dev.portal.login.gateway;

import dev.portal.login.contracts.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id (the caller's X-Request-Id when well formed, else a fresh one), echoes
 * it on the response, and records the {@link RequestContext} sent along with event-bus requests.
 */
final class RequestContextHandler implements Handler<RoutingContext> {
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  static final String FORWARDED_FOR_HEADER = "X-Forwarded-For";
  static final String FORWARDED_PROTO_HEADER = "X-Forwarded-Proto";
  private static final String OVER_TLS_KEY = "overTls";
  static final int USER_AGENT_MAX_CHARS = 512;

  private static final String KEY = "requestContext";
  private static final Pattern WELL_FORMED_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Pattern CONTROL_CHARACTERS = Pattern.compile("[\\x00-\\x1F\\x7F]");

  private final TrustedProxies trustedProxies;

  RequestContextHandler() {
    this(TrustedProxies.NONE);
  }

  /** @param trustedProxies whose X-Forwarded-For (and X-Forwarded-Proto) is believed */
  RequestContextHandler(TrustedProxies trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requestId = requestIdOf(ctx.request().getHeader(REQUEST_ID_HEADER));
    ctx.response().putHeader(REQUEST_ID_HEADER, requestId);
    String peer = clientIp(ctx);
    String client = trustedProxies.clientAddress(peer, ctx.request().headers().getAll(FORWARDED_FOR_HEADER));
    ctx.put(KEY, new RequestContext(requestId, client, userAgent(ctx)));
    ctx.put(OVER_TLS_KEY, ctx.request().isSSL() || (trustedProxies.trusts(peer)
        && "https".equalsIgnoreCase(ctx.request().getHeader(FORWARDED_PROTO_HEADER))));
    ctx.next();
  }

  /** Whether the client reached us over TLS (directly, or as a trusted proxy says). */
  static boolean overTls(RoutingContext ctx) {
    Boolean overTls = ctx.get(OVER_TLS_KEY);
    return overTls != null ? overTls : ctx.request().isSSL();
  }

  /** The context of the current request; a fallback one if this handler did not run (it always should). */
  static RequestContext of(RoutingContext ctx) {
    RequestContext context = ctx.get(KEY);
    return context != null ? context : new RequestContext(null, clientIp(ctx), userAgent(ctx));
  }

  static String requestIdOf(String incoming) {
    return incoming != null && WELL_FORMED_ID.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
  }

  // The peer: the client itself, or a proxy (see TrustedProxies).
  private static String clientIp(RoutingContext ctx) {
    SocketAddress remote = ctx.request().remoteAddress();
    return remote == null ? null : remote.hostAddress();
  }

  // Control characters are dropped so the value cannot forge lines in logs or audit views downstream.
  private static String userAgent(RoutingContext ctx) {
    String value = ctx.request().getHeader("User-Agent");
    if (value == null) {
      return null;
    }
    String clean = CONTROL_CHARACTERS.matcher(value).replaceAll("");
    return clean.length() <= USER_AGENT_MAX_CHARS ? clean : clean.substring(0, USER_AGENT_MAX_CHARS);
  }
}
