package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.redis.client.impl.types.ErrorType;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure inside the login verticle into the problem its caller sees: problems pass
 * through, a backing service that cannot be reached is 503 unavailable, anything else is a bug,
 * logged here and shown as a generic 500. Log lines carry the request id (field {@code requestId})
 * the gateway put into the request context, so one request's lines can be found across roles.
 */
final class FailureProblems {
  private static final Logger log = LoggerFactory.getLogger(FailureProblems.class);
  static final long RETRY_AFTER_SECONDS = 5;
  static final String REQUEST_ID = "requestId";

  private FailureProblems() {
  }

  /** @param requestId the request id from the request's context, or null when it came without one */
  static Problem of(String address, String requestId, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof PgException pg && unavailable(pg.getSqlState())) {
      log.atWarn().addKeyValue(REQUEST_ID, requestId)
          .log("Request {}: PostgreSQL is not available at {} (SQLSTATE {})", requestId, address, pg.getSqlState());
      return Problem.of(ProblemType.UNAVAILABLE, "A required service is not reachable right now.")
          .withRetryAfter(RETRY_AFTER_SECONDS);
    }
    if (failure instanceof PgException pg) {
      log.atError().addKeyValue(REQUEST_ID, requestId).setCause(failure)
          .log("Request {}: unexpected database error at {} (SQLSTATE {})", requestId, address, pg.getSqlState());
      return internal();
    }
    if (failure instanceof VertxException || failure instanceof IOException || failure instanceof TimeoutException
        || redisConnectionLost(failure)) {
      log.atWarn().addKeyValue(REQUEST_ID, requestId)
          .log("Request {}: a backing service failed at {}: {}", requestId, address, failure.toString());
      return Problem.of(ProblemType.UNAVAILABLE, "A required service is not reachable right now.")
          .withRetryAfter(RETRY_AFTER_SECONDS);
    }
    log.atError().addKeyValue(REQUEST_ID, requestId).setCause(failure)
        .log("Request {}: unexpected failure at {}", requestId, address);
    return internal();
  }

  /** The Redis client reports a connection that closed under a request as an error reply of this kind. */
  static boolean redisConnectionLost(Throwable failure) {
    return failure instanceof ErrorType error && error.is("CONNECTION_CLOSED");
  }

  /**
   * SQLSTATE classes that mean the database, not the request, is the trouble: 08 connection exception,
   * 53 insufficient resources, 57P01..57P03 shutting down or not accepting connections yet.
   */
  static boolean unavailable(String sqlState) {
    return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("53")
        || sqlState.equals("57P01") || sqlState.equals("57P02") || sqlState.equals("57P03"));
  }

  private static Problem internal() {
    return Problem.of(ProblemType.INTERNAL, "An unexpected error occurred.");
  }
}
