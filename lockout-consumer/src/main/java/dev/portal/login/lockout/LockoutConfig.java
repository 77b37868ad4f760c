package dev.portal.login.lockout;

import java.time.Duration;
import java.util.Map;

/**
 * Settings of the lockout consumer, read once at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>LOCKOUT_GROUP_ID</td><td>lockout-consumer</td><td>Kafka consumer group of the lockout consumers</td></tr>
 *   <tr><td>LOCKOUT_POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>LOCKOUT_MAX_POLL_RECORDS</td><td>500</td><td>most records handled in one batch</td></tr>
 *   <tr><td>LOCKOUT_RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>LOCKOUT_RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 * </table>
 */
public record LockoutConfig(
    String groupId,
    Duration pollTimeout,
    int maxPollRecords,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff) {

  public LockoutConfig {
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("LOCKOUT_GROUP_ID must not be blank");
    }
    if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new IllegalArgumentException(
          "LOCKOUT_RETRY_MAX_BACKOFF_MS must be at least LOCKOUT_RETRY_INITIAL_BACKOFF_MS");
    }
  }

  public static LockoutConfig fromEnv(Map<String, String> env) {
    return new LockoutConfig(
        env.getOrDefault("LOCKOUT_GROUP_ID", "lockout-consumer"),
        Duration.ofMillis(positive(env, "LOCKOUT_POLL_TIMEOUT_MS", 250)),
        (int) Math.min(positive(env, "LOCKOUT_MAX_POLL_RECORDS", 500), Integer.MAX_VALUE),
        Duration.ofMillis(positive(env, "LOCKOUT_RETRY_INITIAL_BACKOFF_MS", 200)),
        Duration.ofMillis(positive(env, "LOCKOUT_RETRY_MAX_BACKOFF_MS", 30_000)));
  }

  /** The Kafka consumer settings: offsets are committed by hand, only after the batch is handled. */
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

  private static long positive(Map<String, String> env, String name, long defaultValue) {
    String raw = env.get(name);
    long value;
    try {
      value = raw == null || raw.isBlank() ? defaultValue : Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + raw + "'", e);
    }
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be greater than zero, got " + value);
    }
    return value;
  }
}
