package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.RequestContext;
import dev.portal.login.contracts.Roles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP handlers over the audit trail: search and export, the live stream, the 15-minute
 * summary, chain verification (security or admin role), and a person's own activity. The work is
 * the audit role's; identifiers are resolved to subject keys by the login role first.
 */
final class AuditRoutes {
  private static final Set<String> AUDIT_READERS = Set.of(Roles.SECURITY, Roles.ADMIN);
  private static final Pattern WINDOW = Pattern.compile("(\\d{1,6})([smhd])");
  private static final String LAST_EVENT_ID = "Last-Event-ID";
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  static final Duration DEFAULT_VERIFY_RANGE = Duration.ofDays(1);

  /** Sends an event-bus request; a failure arrives as the ProblemException the client should see. */
  @FunctionalInterface
  interface Bus {
    Future<JsonObject> ask(String address, JsonObject body);
  }

  /** Checks an Authorization header as the bearer check does: token, expiry and session. */
  @FunctionalInterface
  interface Tokens {
    Future<Principal> verify(String authorization);
  }

  private final Vertx vertx;
  private final Bus bus;
  private final Tokens tokens;
  private final AuditStreamSettings streamSettings;
  private final MeterRegistry registry;
  private final Clock clock;
  private final AuditExport export;
  /**
   * One count per registry, shared by every gateway instance of the process: Micrometer keeps the first
   * gauge registered under a name, so a count per instance would report only the first instance's clients.
   */
  private static final Map<MeterRegistry, AtomicInteger> STREAM_CLIENTS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final AtomicInteger streamClients;

  /** @param tokens checks a stream's caller again at each heartbeat */
  AuditRoutes(Vertx vertx, Bus bus, Tokens tokens, AuditStreamSettings streamSettings, MeterRegistry registry,
      Clock clock) {
    this.vertx = vertx;
    this.bus = bus;
    this.tokens = tokens;
    this.streamSettings = streamSettings;
    this.registry = registry;
    this.clock = clock;
    this.export = new AuditExport(bus, registry);
    this.streamClients = STREAM_CLIENTS.computeIfAbsent(registry, AuditRoutes::streamClientsGauge);
  }

  private static AtomicInteger streamClientsGauge(MeterRegistry registry) {
    AtomicInteger clients = new AtomicInteger();
    Gauge.builder("audit.stream.clients", clients, AtomicInteger::get)
        .description("Clients connected to the live audit stream").register(registry);
    return clients;
  }

  /** GET /api/v1/audit/events: a page as JSON, or the whole result as NDJSON or CSV by Accept. */
  void events(RoutingContext ctx) {
    if (!isAuditReader(ctx)) {
      return;
    }
    AuditExport.Format format = AuditExport.Format.accepted(ctx.request().getHeader("Accept"));
    Future.succeededFuture(ctx.queryParams())
        .map(AuditQuery::fromParams)
        .compose(query -> filters(ctx, query).compose(filters -> format == AuditExport.Format.JSON
            ? bus.ask(Addresses.AUDIT_QUERY, withContext(ctx, filters.put("limit", query.limit())
                .put("cursor", query.cursor())))
                .compose(page -> sendJson(ctx, page))
            : export.stream(ctx.response(), withContext(ctx, filters), format, query.cursor())))
        .onFailure(ctx::fail);
  }

  /**
   * GET /api/v1/audit/stream: Server-Sent Events of new events matching the filters, resumed from
   * Last-Event-ID. The caller's token is checked again at each heartbeat, so the stream ends with its session.
   */
  void stream(RoutingContext ctx) {
    if (!isAuditReader(ctx)) {
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    AuditStreamSession.CallerCheck caller = () -> tokens.verify(authorization);
    Future.succeededFuture(ctx)
        .map(AuditRoutes::streamRequest)
        .compose(request -> filters(ctx, request.query())
            .compose(filters -> new AuditStreamSession(vertx, ctx.response(), withContext(ctx, filters), bus,
                streamSettings, caller, streamListener()).start(request.resumeFrom(), ctx.request().connection())))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.fail(failure);
          }
        });
  }

  /** GET /api/v1/audit/summary?window=15m: the credential-stuffing view. */
  void summary(RoutingContext ctx) {
    if (!isAuditReader(ctx)) {
      return;
    }
    Future.succeededFuture(ctx.queryParams().get("window"))
        .map(AuditRoutes::window)
        .compose(window -> bus.ask(Addresses.AUDIT_SUMMARY,
            withContext(ctx, new JsonObject().put("windowSeconds", window.toSeconds()))))
        .compose(summary -> sendJson(ctx, summary))
        .onFailure(ctx::fail);
  }

  /** GET /api/v1/audit/verify?from=&to=: recomputes the hash chains over the range (default the last day). */
  void verify(RoutingContext ctx) {
    if (!isAuditReader(ctx)) {
      return;
    }
    Future.succeededFuture(ctx)
        .map(this::verifyRange)
        .compose(range -> verifyFrom(withContext(ctx, range)).map(result -> result
            .put("from", range.getString("from")).put("to", range.getString("to"))))
        .onSuccess(result -> countVerification(result.getBoolean("ok") ? "ok" : "broken"))
        .onFailure(failure -> countVerification("error"))
        .compose(result -> sendJson(ctx, result))
        .onFailure(ctx::fail);
  }

  /** GET /api/v1/me/activity: the caller's last security events. */
  void activity(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    bus.ask(Addresses.AUDIT_ACTIVITY, withContext(ctx, new JsonObject()
            .put("accountId", principal.accountId()).put("sessionId", principal.sessionId())))
        .compose(items -> sendJson(ctx, items))
        .onFailure(ctx::fail);
  }

  // Each request checks a bounded number of rows; where to go on, and the counts, travel in the resume object.
  private Future<JsonObject> verifyFrom(JsonObject request) {
    return bus.ask(Addresses.AUDIT_VERIFY, request).compose(answer -> {
      JsonObject resume = answer.getJsonObject("resume");
      if (resume == null) {
        answer.remove("resume");
        return Future.succeededFuture(answer);
      }
      return verifyFrom(request.copy().put("resume", resume));
    });
  }

  private JsonObject verifyRange(RoutingContext ctx) {
    Instant to = instant(ctx, "to", clock.instant());
    Instant from = instant(ctx, "from", to.minus(DEFAULT_VERIFY_RANGE));
    if (!from.isBefore(to)) {
      throw invalid("from", "must be before to");
    }
    return new JsonObject().put("from", from.toString()).put("to", to.toString());
  }

  private void countVerification(String result) {
    Counter.builder("audit.verify.runs").description("Audit chain verifications, by result")
        .tag("result", result).register(registry).increment();
  }

  private AuditStreamSession.Listener streamListener() {
    return new AuditStreamSession.Listener() {
      @Override
      public void opened() {
        streamClients.incrementAndGet();
      }

      @Override
      public void closed() {
        streamClients.decrementAndGet();
      }

      @Override
      public void dropped(AuditStreamSession.DropReason reason) {
        Counter.builder("audit.stream.dropped").description("Live stream clients dropped, by reason")
            .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry).increment();
      }
    };
  }

  /** The filters of a query, its identifier (if any) resolved to subject keys by the login role. */
  private Future<JsonObject> filters(RoutingContext ctx, AuditQuery query) {
    if (query.identifier() == null) {
      return Future.succeededFuture(query.filtersJson(null));
    }
    return bus.ask(Addresses.IDENTITY_RESOLVE, withContext(ctx, new JsonObject().put("identifier", query.identifier())))
        .map(resolved -> query.filtersJson(resolved.getJsonArray("subjectKeys", new JsonArray())));
  }

  private boolean isAuditReader(RoutingContext ctx) {
    if (Principal.of(ctx).hasAnyRole(AUDIT_READERS)) {
      return true;
    }
    ctx.fail(new ProblemException(ProblemType.FORBIDDEN, "The audit trail needs the security or admin role."));
    return false;
  }

  /** What a stream request asks for: its filters, and where to resume (null for a fresh stream). */
  private record StreamRequest(AuditQuery query, AuditStreamPosition resumeFrom) {
  }

  /** The filters and the Last-Event-ID of a stream request, every bad one named in one problem. */
  private static StreamRequest streamRequest(RoutingContext ctx) {
    List<Problem.FieldError> errors = new ArrayList<>();
    AuditQuery query = null;
    try {
      query = AuditQuery.fromParams(ctx.queryParams());
    } catch (ProblemException invalid) {
      errors.addAll(invalid.problem().errors());
    }
    AuditStreamPosition resumeFrom = null;
    try {
      resumeFrom = lastEventId(ctx);
    } catch (IllegalArgumentException e) {
      errors.add(new Problem.FieldError(LAST_EVENT_ID, "must be an id this stream sent (" + AuditStreamPosition.VERSION
          + ";...); leave it out to start from now"));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.validation(errors));
    }
    return new StreamRequest(query, resumeFrom);
  }

  /**
   * The Last-Event-ID a reconnecting client sends: the position it reached, or null when absent. An id
   * of the earlier form (an event id) is refused like any other text: it cannot say where in each
   * partition the client was, and guessing could skip events.
   *
   * @throws IllegalArgumentException when the header is present but not a position this stream sent
   */
  private static AuditStreamPosition lastEventId(RoutingContext ctx) {
    String header = ctx.request().getHeader(LAST_EVENT_ID);
    if (header == null || header.isBlank()) {
      return null;
    }
    return AuditStreamPosition.parse(header.trim());
  }

  /** "15m", "30s", "2h", "1d"; absent means 15 minutes. */
  static Duration window(String text) {
    if (text == null || text.isEmpty()) {
      return DEFAULT_WINDOW;
    }
    Matcher match = WINDOW.matcher(text);
    if (!match.matches() || Long.parseLong(match.group(1)) == 0) {
      throw invalid("window", "must be a number followed by s, m, h or d, such as 15m");
    }
    long amount = Long.parseLong(match.group(1));
    return switch (match.group(2)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static Instant instant(RoutingContext ctx, String name, Instant fallback) {
    String value = ctx.queryParams().get(name);
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeException e) {
      throw invalid(name, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z");
    }
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(Problem.validation(List.of(new Problem.FieldError(field, message))));
  }

  // The context is set last so a client cannot smuggle in its own "context" member.
  private static JsonObject withContext(RoutingContext ctx, JsonObject body) {
    return body.copy().put(RequestContext.FIELD, RequestContextHandler.of(ctx).toJson());
  }

  private static Future<Void> sendJson(RoutingContext ctx, JsonObject body) {
    return ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
