package dev.portal.login.audit;

import dev.portal.login.consumer.ConsumerSettings;
import dev.portal.login.consumer.EnvNumbers;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the audit consumer and the audit query verticle, read once at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>AUDIT_GROUP_ID</td><td>audit-consumer</td><td>Kafka consumer group of the audit writers</td></tr>
 *   <tr><td>AUDIT_POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>AUDIT_MAX_POLL_RECORDS</td><td>2000</td><td>most records written in one batch</td></tr>
 *   <tr><td>AUDIT_PG_POOL_SIZE</td><td>4</td><td>PostgreSQL connections per verticle instance</td></tr>
 *   <tr><td>AUDIT_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>AUDIT_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>AUDIT_HEALTH_PROBE_TIMEOUT_MS</td><td>800</td><td>how long a health probe of PostgreSQL may take</td></tr>
 *   <tr><td>AUDIT_RETENTION_DAYS</td><td>400</td><td>monthly partitions wholly older than this are dropped</td></tr>
 *   <tr><td>AUDIT_MAINTENANCE_INTERVAL_MS</td><td>86400000</td>
 *       <td>how often the writer drops expired partitions and creates the next months' (also once at start)</td></tr>
 *   <tr><td>AUDIT_VERIFY_ROWS_PER_REQUEST</td><td>20000</td>
 *       <td>rows one verification request checks before handing back where to go on</td></tr>
 * </table>
 */
public record AuditConfig(ConsumerSettings consumer, int pgPoolSize, Duration healthProbeTimeout,
    Duration retention, Duration maintenanceInterval, int verifyRowsPerRequest) {

  public AuditConfig {
    if (pgPoolSize <= 0) {
      throw new IllegalArgumentException("AUDIT_PG_POOL_SIZE must be greater than zero, got " + pgPoolSize);
    }
  }

  /** The settings before retention and verification were configurable; those take their defaults. */
  public AuditConfig(ConsumerSettings consumer, int pgPoolSize, Duration healthProbeTimeout) {
    this(consumer, pgPoolSize, healthProbeTimeout, Duration.ofDays(400), Duration.ofDays(1), 20_000);
  }

  static final int DEFAULT_MAX_POLL_RECORDS = 2000;
  /**
   * The writer pays a round trip to PostgreSQL per batch: a fetch may wait up to 100 ms for 64 KiB, so
   * at a few logins a second it writes a batch of several events at once instead of one insert each.
   */
  static final ConsumerSettings.Fetch DEFAULT_FETCH = new ConsumerSettings.Fetch(65_536, Duration.ofMillis(100));

  public static AuditConfig fromEnv(Map<String, String> env) {
    return new AuditConfig(
        // one INSERT per batch: larger batches write more rows per round trip
        ConsumerSettings.fromEnv(env, "AUDIT_", "audit-consumer", DEFAULT_MAX_POLL_RECORDS, DEFAULT_FETCH),
        EnvNumbers.positiveCount(env, "AUDIT_PG_POOL_SIZE", 4),
        EnvNumbers.positiveMillis(env, "AUDIT_HEALTH_PROBE_TIMEOUT_MS", 800),
        Duration.ofDays(EnvNumbers.positiveCount(env, "AUDIT_RETENTION_DAYS", 400)),
        EnvNumbers.positiveMillis(env, "AUDIT_MAINTENANCE_INTERVAL_MS", Duration.ofDays(1).toMillis()),
        EnvNumbers.positiveCount(env, "AUDIT_VERIFY_ROWS_PER_REQUEST", 20_000));
  }
}
