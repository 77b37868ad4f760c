package dev.portal.login.gateway;

import io.vertx.ext.web.RoutingContext;
import java.util.Collection;
import java.util.Set;

/**
 * Who a verified access token speaks for; put into the routing context by the bearer check.
 *
 * @param accountId the token's {@code sub}
 * @param sessionId the token's {@code sid}, null when absent
 */
public record Principal(String accountId, String sessionId, Set<String> roles) {
  private static final String KEY = "principal";

  public Principal {
    roles = roles == null ? Set.of() : Set.copyOf(roles);
  }

  public boolean hasAnyRole(Collection<String> wanted) {
    return wanted.stream().anyMatch(roles::contains);
  }

  void attachTo(RoutingContext ctx) {
    ctx.put(KEY, this);
  }

  /** The principal of an authenticated request; only valid behind the bearer check. */
  static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route has no bearer check in front of it");
    }
    return principal;
  }
}
