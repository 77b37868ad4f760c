package dev.portal.login.audit;

import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.ServiceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the audit trail's readers over the event bus: searches ({@code Addresses.AUDIT_QUERY}, a
 * page of events with an opaque cursor for the next), the live stream's catch-up by Kafka offsets
 * ({@code Addresses.AUDIT_STREAM_CATCHUP}), the summary, chain verification and a person's own
 * activity. Deployed in the api process.
 */
public final class AuditQueryVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AuditQueryVerticle.class);
  /** Seconds a client should wait before asking again when the database is out of reach. */
  private static final long RETRY_AFTER_SECONDS = 5;

  private final AuditConfig config;
  private final ServiceEndpoints endpoints;
  private Pool pool;

  public AuditQueryVerticle(AuditConfig config, ServiceEndpoints endpoints) {
    this.config = config;
    this.endpoints = endpoints;
  }

  @Override
  public Future<?> start() {
    return AuditDatabase.migrate(vertx, endpoints.postgres())
        .compose(migrated -> {
          pool = AuditDatabase.pool(vertx, endpoints.postgres(), config.pgPoolSize());
          AuditSummary summary = new AuditSummary(pool, Clock.systemUTC());
          AuditVerification verification = new AuditVerification(pool, config.verifyRowsPerRequest());
          AccountActivity activity = new AccountActivity(pool);
          return Future.all(List.of(
              vertx.eventBus().consumer(Addresses.AUDIT_QUERY, this::query).completion(),
              answering(Addresses.AUDIT_STREAM_CATCHUP, this::catchUp),
              answering(Addresses.AUDIT_SUMMARY, summary::summarise),
              answering(Addresses.AUDIT_VERIFY, verification::verify),
              answering(Addresses.AUDIT_ACTIVITY, activity::recent)));
        });
  }

  private Future<Void> answering(String address, Function<JsonObject, Future<JsonObject>> handler) {
    return vertx.eventBus().<JsonObject>consumer(address, request -> {
      Future<JsonObject> reply;
      try {
        reply = handler.apply(request.body() == null ? new JsonObject() : request.body());
      } catch (ProblemException invalid) {
        reply = Future.failedFuture(invalid);
      }
      reply.onSuccess(request::reply).onFailure(failure -> ProblemException.failMessage(request,
          failure instanceof ProblemException known ? known.problem() : problemFor(failure)));
    }).completion();
  }

  private void query(Message<JsonObject> request) {
    AuditQuery query;
    try {
      query = AuditQuery.fromJson(request.body());
    } catch (ProblemException invalid) {
      ProblemException.failMessage(request, invalid.problem());
      return;
    }
    fetchPage(query)
        .onSuccess(request::reply)
        .onFailure(failure -> ProblemException.failMessage(request, problemFor(failure)));
  }

  private Future<JsonObject> fetchPage(AuditQuery query) {
    AuditSql.Statement page = AuditRows.page(query);
    return pool.preparedQuery(page.sql())
        .execute(page.params())
        .map(rows -> AuditRows.toPage(rows, query.limit(), query.ascending()));
  }

  private Future<JsonObject> catchUp(JsonObject body) {
    AuditCatchUp request = AuditCatchUp.fromJson(body);
    AuditSql.Statement page = AuditSql.catchUp(request);
    return pool.preparedQuery(page.sql())
        .execute(page.params())
        .map(rows -> AuditRows.toCatchUpPage(rows, request.limit()));
  }

  /**
   * A database out of reach is temporary (503 with Retry-After): no connection, a timeout, or
   * SQLSTATE class 08 (connection), 53 (resources) or 57 (operator intervention). Anything else is
   * a fault on our side.
   */
  static Problem problemFor(Throwable failure) {
    if (isTemporary(failure)) {
      LOG.warn("Audit query could not reach the database: {}", AuditDatabase.describe(failure));
      return Problem.of(ProblemType.UNAVAILABLE, "The audit trail is temporarily unavailable.")
          .withRetryAfter(RETRY_AFTER_SECONDS);
    }
    LOG.error("Audit query failed: {}", AuditDatabase.describe(failure));
    return Problem.of(ProblemType.INTERNAL, "The audit trail could not be searched.");
  }

  private static boolean isTemporary(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg) {
        String state = pg.getSqlState();
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57"));
      }
      if (cause instanceof IOException || cause instanceof TimeoutException
          || cause instanceof ClosedConnectionException) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Future<?> stop() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
