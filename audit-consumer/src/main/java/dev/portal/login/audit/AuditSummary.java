package dev.portal.login.audit;

import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The credential-stuffing view of a recent window: failed and successful logins, their ratio,
 * locks, throttled addresses, and the addresses and accounts with most failures.
 */
final class AuditSummary {
  static final int TOP = 10;
  static final Duration MAX_WINDOW = Duration.ofDays(7);

  private final Pool pool;
  private final Clock clock;

  AuditSummary(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /** {windowSeconds} -> {from, to, failures, successes, failureRatio, locks, throttledIps, topIps, topAccounts}. */
  Future<JsonObject> summarise(JsonObject request) {
    Duration window = windowOf(request);
    Instant to = clock.instant();
    Instant from = to.minus(window);
    OffsetDateTime since = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
    Future<RowSet<Row>> counts = pool.preparedQuery(AuditSql.SUMMARY_COUNTS).execute(Tuple.of(since));
    Future<RowSet<Row>> ips = pool.preparedQuery(AuditSql.TOP_FAILING_IPS).execute(Tuple.of(since, TOP));
    Future<RowSet<Row>> accounts = pool.preparedQuery(AuditSql.TOP_FAILING_ACCOUNTS).execute(Tuple.of(since, TOP));
    return Future.all(counts, ips, accounts).map(all -> {
      Row totals = counts.result().iterator().next();
      long failures = totals.getLong("failures");
      long successes = totals.getLong("successes");
      return new JsonObject()
          .put("windowSeconds", window.toSeconds())
          .put("from", from.toString())
          .put("to", to.toString())
          .put("failures", failures)
          .put("successes", successes)
          .put("failureRatio", failureRatio(failures, successes))
          .put("locks", totals.getLong("locks"))
          .put("throttledIps", totals.getLong("throttled_ips"))
          .put("topIps", ranking(ips.result(), "ip"))
          .put("topAccounts", ranking(accounts.result(), "accountId"));
    });
  }

  /** Failures over all decided logins; null when there were none. */
  static Double failureRatio(long failures, long successes) {
    long total = failures + successes;
    return total == 0 ? null : (double) failures / total;
  }

  private static JsonArray ranking(RowSet<Row> rows, String keyName) {
    JsonArray ranked = new JsonArray();
    rows.forEach(row -> ranked.add(new JsonObject().put(keyName, row.getString("key"))
        .put("failures", row.getLong("failures"))));
    return ranked;
  }

  private static Duration windowOf(JsonObject request) {
    Object seconds = request.getValue("windowSeconds");
    if ((seconds instanceof Integer || seconds instanceof Long) && ((Number) seconds).longValue() > 0
        && ((Number) seconds).longValue() <= MAX_WINDOW.toSeconds()) {
      return Duration.ofSeconds(((Number) seconds).longValue());
    }
    throw new ProblemException(Problem.validation(List.of(new Problem.FieldError("window",
        "must be a duration from 1 second to " + MAX_WINDOW.toDays() + " days"))));
  }
}
