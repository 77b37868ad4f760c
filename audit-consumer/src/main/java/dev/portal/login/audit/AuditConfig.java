package dev.portal.login.audit;

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
 *   <tr><td>AUDIT_MAX_POLL_RECORDS</td><td>500</td><td>most records written in one batch</td></tr>
 *   <tr><td>AUDIT_PG_POOL_SIZE</td><td>4</td><td>PostgreSQL connections per verticle instance</td></tr>
 *   <tr><td>AUDIT_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>AUDIT_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>AUDIT_HEALTH_PROBE_TIMEOUT_MS</td><td>800</td><td>how long a health probe of PostgreSQL may take</td></tr>
 * </table>
 */
public record AuditConfig(
    String groupId,
    Duration pollTimeout,
    int maxPollRecords,
    int pgPoolSize,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration healthProbeTimeout) {

  public AuditConfig {
    requirePositive("AUDIT_MAX_POLL_RECORDS", maxPollRecords);
    requirePositive("AUDIT_PG_POOL_SIZE", pgPoolSize);
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("AUDIT_GROUP_ID must not be blank");
    }
    if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new IllegalArgumentException("AUDIT_RETRY_MAX_BACKOFF_MS must be at least AUDIT_RETRY_INITIAL_BACKOFF_MS");
    }
  }

  public static AuditConfig fromEnv(Map<String, String> env) {
    return new AuditConfig(
        env.getOrDefault("AUDIT_GROUP_ID", "audit-consumer"),
        millis(env, "AUDIT_POLL_TIMEOUT_MS", 250),
        count(env, "AUDIT_MAX_POLL_RECORDS", 500),
        count(env, "AUDIT_PG_POOL_SIZE", 4),
        millis(env, "AUDIT_RETRY_INITIAL_BACKOFF_MS", 200),
        millis(env, "AUDIT_RETRY_MAX_BACKOFF_MS", 30_000),
        millis(env, "AUDIT_HEALTH_PROBE_TIMEOUT_MS", 800));
  }

  /** The Kafka consumer settings: offsets are committed by hand, only after the batch is written. */
  public Map<String, String> consumerProperties(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", groupId,
        "enable.auto.commit", "false",
        "auto.offset.reset", "earliest",
        "max.poll.records", Integer.toString(maxPollRecords),
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
  }

  /** The dead-letter producer settings: a record counts as moved only once every replica has it. */
  public Map<String, String> deadLetterProducerProperties(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "acks", "all",
        "enable.idempotence", "true",
        "key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer",
        "value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
  }

  private static Duration millis(Map<String, String> env, String name, long defaultValue) {
    long value = number(env, name, defaultValue);
    requirePositive(name, value);
    return Duration.ofMillis(value);
  }

  private static int count(Map<String, String> env, String name, int defaultValue) {
    long value = number(env, name, defaultValue);
    if (value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + " is too large, got " + value);
    }
    return (int) value;
  }

  private static long number(Map<String, String> env, String name, long defaultValue) {
    String raw = env.get(name);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
  }

  private static void requirePositive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be greater than zero, got " + value);
    }
  }
}
