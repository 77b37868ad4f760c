package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/** Writes a batch of events to {@code audit.audit_event} in one round trip; events already there are left alone. */
final class PostgresAuditWriter implements AuditWriter {
  private final Pool pool;

  PostgresAuditWriter(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Integer> write(List<SourcedEvent<SecurityEvent>> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture(0);
    }
    List<Tuple> rows = events.stream().map(AuditRows::insertParams).toList();
    return pool.preparedQuery(AuditSql.INSERT_EVENT).executeBatch(rows).map(PostgresAuditWriter::insertedRows);
  }

  /** A batch answers with one result per statement, chained through {@link RowSet#next()}. */
  private static int insertedRows(RowSet<Row> first) {
    int inserted = 0;
    for (RowSet<Row> result = first; result != null; result = result.next()) {
      inserted += result.rowCount();
    }
    return inserted;
  }
}
