package dev.portal.login.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Reads account contacts from the identity.notification_contact view in PostgreSQL. */
final class PostgresContactDirectory implements ContactDirectory {
  private final Pool pool;

  PostgresContactDirectory(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Optional<Contact>> find(UUID accountId) {
    return pool.preparedQuery(ContactSql.FIND_CONTACT).execute(Tuple.of(accountId))
        .map(rows -> {
          RowIterator<Row> iterator = rows.iterator();
          return iterator.hasNext() ? Optional.of(contact(iterator.next())) : Optional.empty();
        });
  }

  /** Completes when the view answers; for the health check. */
  Future<Void> probe() {
    return pool.query(ContactSql.PROBE).execute().mapEmpty();
  }

  private static Contact contact(Row row) {
    return new Contact(row.getUUID("account_id"), row.getString("email"),
        Boolean.TRUE.equals(row.getBoolean("email_verified")), row.getString("phone"),
        Boolean.TRUE.equals(row.getBoolean("phone_verified")), row.getString("locale"));
  }
}
