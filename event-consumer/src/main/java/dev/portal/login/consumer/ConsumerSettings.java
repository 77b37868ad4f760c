package dev.portal.login.consumer;

import java.time.Duration;
import java.util.Map;

/**
 * How one consumer group reads Kafka: its group id, batch bounds and retry back-off. Each consumer
 * module reads these from its own environment variables, {@code <PREFIX>GROUP_ID} and so on.
 *
 * <table>
 *   <caption>Environment variables (the prefix is the module's, e.g. LOCKOUT_)</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>&lt;PREFIX&gt;GROUP_ID</td><td>the module's</td><td>Kafka consumer group</td></tr>
 *   <tr><td>&lt;PREFIX&gt;POLL_TIMEOUT_MS</td><td>250</td><td>longest wait of one Kafka poll</td></tr>
 *   <tr><td>&lt;PREFIX&gt;MAX_POLL_RECORDS</td><td>500</td><td>most records handled in one batch</td></tr>
 *   <tr><td>&lt;PREFIX&gt;RETRY_INITIAL_BACKOFF_MS</td><td>200</td><td>wait before the first retry of a failed batch</td></tr>
 *   <tr><td>&lt;PREFIX&gt;RETRY_MAX_BACKOFF_MS</td><td>30000</td><td>cap of the doubling wait between batch retries</td></tr>
 *   <tr><td>&lt;PREFIX&gt;COMMIT_INTERVAL_MS</td><td>500</td><td>least time between offset commits; 0 commits
 *       after every batch</td></tr>
 * </table>
 */
public record ConsumerSettings(
    String groupId,
    Duration pollTimeout,
    int maxPollRecords,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration commitInterval) {

  /**
   * Least time between offset commits unless configured. Effects are idempotent, so what a crash
   * leaves uncommitted is only read again; committing after every small batch instead made the broker's
   * group coordinator the busiest part of a login (one commit per group per event at low rates).
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

  /** With the default commit interval. */
  public ConsumerSettings(String groupId, Duration pollTimeout, int maxPollRecords, Duration retryInitialBackoff,
      Duration retryMaxBackoff) {
    this(groupId, pollTimeout, maxPollRecords, retryInitialBackoff, retryMaxBackoff, DEFAULT_COMMIT_INTERVAL);
  }

  public ConsumerSettings {
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("the consumer group id must not be blank");
    }
    if (maxPollRecords <= 0) {
      throw new IllegalArgumentException("max poll records must be greater than zero, got " + maxPollRecords);
    }
    if (retryMaxBackoff.compareTo(retryInitialBackoff) < 0) {
      throw new IllegalArgumentException("the maximum retry back-off must be at least the initial one");
    }
    if (commitInterval == null || commitInterval.isNegative()) {
      throw new IllegalArgumentException("the commit interval must not be negative");
    }
  }

  /** Most records handled in one batch unless configured. */
  public static final int DEFAULT_MAX_POLL_RECORDS = 500;

  /** Reads {@code prefix + "GROUP_ID"} and the others; a failure names the variable at fault. */
  public static ConsumerSettings fromEnv(Map<String, String> env, String prefix, String defaultGroup) {
    return fromEnv(env, prefix, defaultGroup, DEFAULT_MAX_POLL_RECORDS);
  }

  /** As {@link #fromEnv(Map, String, String)}, for a consumer whose batches pay off at another size. */
  public static ConsumerSettings fromEnv(Map<String, String> env, String prefix, String defaultGroup,
      int defaultMaxPollRecords) {
    String groupId = env.getOrDefault(prefix + "GROUP_ID", defaultGroup);
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException(prefix + "GROUP_ID must not be blank");
    }
    Duration initial = EnvNumbers.positiveMillis(env, prefix + "RETRY_INITIAL_BACKOFF_MS", 200);
    Duration max = EnvNumbers.positiveMillis(env, prefix + "RETRY_MAX_BACKOFF_MS", 30_000);
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          prefix + "RETRY_MAX_BACKOFF_MS must be at least " + prefix + "RETRY_INITIAL_BACKOFF_MS");
    }
    return new ConsumerSettings(groupId,
        EnvNumbers.positiveMillis(env, prefix + "POLL_TIMEOUT_MS", 250),
        EnvNumbers.positiveCount(env, prefix + "MAX_POLL_RECORDS", defaultMaxPollRecords),
        initial, max,
        EnvNumbers.nonNegativeMillis(env, prefix + "COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL.toMillis()));
  }

  /** The Kafka consumer settings: offsets are committed by hand, only after their batch is handled. */
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

  public RetryBackoff backoff() {
    return new RetryBackoff(retryInitialBackoff, retryMaxBackoff);
  }
}
