package dev.portal.login.audit;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly partitions of {@code audit.audit_event}: makes sure the month of every event (and the
 * next months) has one before rows arrive, and drops whole months once they fall out of retention.
 * Every step is idempotent, so any number of writers may run it at the same time.
 */
final class AuditPartitions {
  static final Pattern NAME = Pattern.compile("audit_event_(\\d{4})_(\\d{2})");
  /** The current month and this many after it exist ahead of time. */
  static final int MONTHS_AHEAD = 2;
  private static final Logger LOG = LoggerFactory.getLogger(AuditPartitions.class);

  private final Pool pool;
  /** Months known to have a partition; forgotten when an insert finds one missing (SQLSTATE 23514). */
  private final Set<YearMonth> known = ConcurrentHashMap.newKeySet();

  AuditPartitions(Pool pool) {
    this.pool = pool;
  }

  static YearMonth monthOf(Instant instant) {
    return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
  }

  /** Creates the partitions of these months unless this writer already knows they exist. */
  Future<Void> ensure(Set<YearMonth> months) {
    List<Future<?>> created = new ArrayList<>();
    for (YearMonth month : months) {
      if (!known.contains(month)) {
        OffsetDateTime start = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        created.add(pool.preparedQuery(AuditSql.ENSURE_PARTITION).execute(Tuple.of(start))
            .onSuccess(done -> known.add(month)));
      }
    }
    return Future.all(created).mapEmpty();
  }

  /** After an insert found no partition for its row: someone dropped one this writer thought it had. */
  void forgetKnownMonths() {
    known.clear();
  }

  /** The current month and the next ones exist; months wholly older than {@code retention} are gone. */
  Future<List<String>> maintain(Instant now, Duration retention) {
    YearMonth current = monthOf(now);
    Set<YearMonth> ahead = new java.util.HashSet<>();
    for (int i = 0; i <= MONTHS_AHEAD; i++) {
      ahead.add(current.plusMonths(i));
    }
    return ensure(ahead).compose(created -> dropOlderThan(now.minus(retention)));
  }

  /** Drops every partition whose whole month ended at or before {@code cutoff}; names what it dropped. */
  Future<List<String>> dropOlderThan(Instant cutoff) {
    return pool.query(AuditSql.LIST_PARTITIONS).execute()
        .map(rows -> {
          List<String> expired = new ArrayList<>();
          rows.forEach(row -> {
            String name = row.getString("name");
            if (expired(name, cutoff)) {
              expired.add(name);
            }
          });
          return expired;
        })
        .compose(this::dropAll);
  }

  /** True when {@code name} is a monthly partition whose month ended at or before {@code cutoff}. */
  static boolean expired(String name, Instant cutoff) {
    Matcher match = NAME.matcher(name);
    if (!match.matches()) {
      return false;
    }
    YearMonth month = YearMonth.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)));
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return !end.isAfter(cutoff);
  }

  private Future<List<String>> dropAll(List<String> names) {
    Future<Void> chain = Future.succeededFuture();
    for (String name : names) {
      chain = chain.compose(ignored -> pool.query(AuditSql.dropPartition(name)).execute()
          .onSuccess(dropped -> {
            known.remove(monthOf(name));
            LOG.info("Audit retention dropped partition {}", name);
          })
          .mapEmpty());
    }
    return chain.map(names);
  }

  private static YearMonth monthOf(String name) {
    Matcher match = NAME.matcher(name);
    match.matches();
    return YearMonth.of(Integer.parseInt(match.group(1)), Integer.parseInt(match.group(2)));
  }
}
