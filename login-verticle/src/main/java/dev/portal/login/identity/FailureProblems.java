package dev.portal.login.identity;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure inside the login verticle into the problem its caller sees: problems pass
 * through, a backing service that cannot be reached is 503 unavailable, anything else is a bug,
 * logged here and shown as a generic 500.
 */
final class FailureProblems {
  private static final Logger log = LoggerFactory.getLogger(FailureProblems.class);
  static final long RETRY_AFTER_SECONDS = 5;

  private FailureProblems() {
  }

  static Problem of(String address, Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof PgException pg) {
      log.error("Unexpected database error at {} (SQLSTATE {})", address, pg.getSqlState(), failure);
      return internal();
    }
    if (failure instanceof VertxException || failure instanceof IOException || failure instanceof TimeoutException) {
      log.warn("A backing service failed at {}: {}", address, failure.toString());
      return Problem.of(ProblemType.UNAVAILABLE, "A required service is not reachable right now.")
          .withRetryAfter(RETRY_AFTER_SECONDS);
    }
    log.error("Unexpected failure at {}", address, failure);
    return internal();
  }

  private static Problem internal() {
    return Problem.of(ProblemType.INTERNAL, "An unexpected error occurred.");
  }
}
