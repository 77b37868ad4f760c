package dev.portal.login.audit;

import dev.portal.login.consumer.ConsumerLoop;
import dev.portal.login.contracts.ServiceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the audit schema: brings it to the current version, then hands out a connection pool to it. */
final class AuditDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(AuditDatabase.class);
  static final String SCHEMA = "audit";
  private static final String MIGRATIONS = "classpath:db/audit";

  private AuditDatabase() {
  }

  /**
   * Runs the Flyway migrations of schema {@value #SCHEMA} on a worker thread. Several processes may
   * do this at once: Flyway serialises them with a PostgreSQL advisory lock.
   */
  static Future<Void> migrate(Vertx vertx, ServiceEndpoints.Postgres postgres) {
    return vertx.executeBlocking(() -> {
      int applied = Flyway.configure(AuditDatabase.class.getClassLoader())
          .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
          .schemas(SCHEMA)
          .locations(MIGRATIONS)
          .load()
          .migrate()
          .migrationsExecuted;
      LOG.info("Audit schema migrated on {} ({} migrations applied)", postgres, applied);
      return null;
    });
  }

  static Pool pool(Vertx vertx, ServiceEndpoints.Postgres postgres, int size) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(size))
        .connectingTo(new PgConnectOptions()
            .setHost(postgres.host())
            .setPort(postgres.port())
            .setDatabase(postgres.database())
            .setUser(postgres.user())
            .setPassword(postgres.password()))
        .using(vertx)
        .build();
  }

  /** A failure in a log line: the SQLSTATE for database errors, whose messages may quote event values. */
  static String describe(Throwable failure) {
    if (failure instanceof PgException pg) {
      return "database error SQLSTATE " + pg.getSqlState();
    }
    return ConsumerLoop.describe(failure);
  }
}
