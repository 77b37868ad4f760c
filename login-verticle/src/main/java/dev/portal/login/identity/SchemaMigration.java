package dev.portal.login.identity;

import dev.portal.login.contracts.ServiceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the {@code identity} schema up to date with Flyway (blocking JDBC, so on a worker). */
final class SchemaMigration {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);
  static final String SCHEMA = "identity";
  static final String LOCATION = "classpath:db/identity";

  private SchemaMigration() {
  }

  static Future<Void> migrate(Vertx vertx, ServiceEndpoints.Postgres postgres) {
    return vertx.executeBlocking(() -> {
      var result = Flyway.configure(SchemaMigration.class.getClassLoader())
          .dataSource(postgres.jdbcUrl(), postgres.user(), postgres.password())
          .schemas(SCHEMA)
          .createSchemas(true)
          .locations(LOCATION)
          .load()
          .migrate();
      log.info("Schema {} at version {} ({} migrations applied)", SCHEMA, result.targetSchemaVersion,
          result.migrationsExecuted);
      return null;
    });
  }
}
