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
 *   <tr><td>&lt;PREFIX&gt;FETCH_MIN_BYTES</td><td>the module's (1: at once)</td><td>data a fetch waits for</td></tr>
 *   <tr><td>&lt;PREFIX&gt;FETCH_MAX_WAIT_MS</td><td>the module's (500)</td><td>longest a fetch waits for it</td></tr>
 * </table>
 */
public record ConsumerSettings(
    String groupId,
    Duration pollTimeout,
    int maxPollRecords,
    Duration retryInitialBackoff,
    Duration retryMaxBackoff,
    Duration commitInterval,
    Fetch fetch) {

  /**
   * How long the broker may hold a fetch to fill it: {@link #IMMEDIATE} answers as soon as one record is
   * there (the lockout consumer and notifications, where latency matters); a consumer whose work pays per
   * batch (the audit writer: a round trip to PostgreSQL per batch) is better off waiting a moment for
   * more, so at low rates it gets batches of several events instead of one fetch and one insert each.
   */
  public record Fetch(int minBytes, Duration maxWait) {
    /** Kafka's defaults: a fetch returns as soon as any data is there. */
    public static final Fetch IMMEDIATE = new Fetch(1, Duration.ofMillis(500));

    public Fetch {
      if (minBytes < 1 || maxWait.isNegative() || maxWait.isZero()) {
        throw new IllegalArgumentException("fetch min bytes and max wait must be positive");
      }
    }
  }

  /**
   * Least time between offset commits unless configured. Effects are idempotent, so what a crash
   * leaves uncommitted is only read again; committing after every small batch instead made the broker's
   * group coordinator the busiest part of a login (one commit per group per event at low rates).
   */
  public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(500);

  /** With the default commit interval, fetching at once. */
  public ConsumerSettings(String groupId, Duration pollTimeout, int maxPollRecords, Duration retryInitialBackoff,
      Duration retryMaxBackoff) {
    this(groupId, pollTimeout, maxPollRecords, retryInitialBackoff, retryMaxBackoff, DEFAULT_COMMIT_INTERVAL,
        Fetch.IMMEDIATE);
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
    if (fetch == null) {
      throw new IllegalArgumentException("the fetch settings are required");
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
    return fromEnv(env, prefix, defaultGroup, defaultMaxPollRecords, Fetch.IMMEDIATE);
  }

  /** As above, for a consumer that fetches in batches by default ({@link Fetch}). */
  public static ConsumerSettings fromEnv(Map<String, String> env, String prefix, String defaultGroup,
      int defaultMaxPollRecords, Fetch defaultFetch) {
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
        EnvNumbers.nonNegativeMillis(env, prefix + "COMMIT_INTERVAL_MS", DEFAULT_COMMIT_INTERVAL.toMillis()),
        new Fetch(EnvNumbers.positiveCount(env, prefix + "FETCH_MIN_BYTES", defaultFetch.minBytes()),
            EnvNumbers.positiveMillis(env, prefix + "FETCH_MAX_WAIT_MS", defaultFetch.maxWait().toMillis())));
  }

  /** The Kafka consumer settings: offsets are committed by hand, only after their batch is handled. */
  public Map<String, String> consumerProperties(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "group.id", groupId,
        "enable.auto.commit", "false",
        "auto.offset.reset", "earliest",
        "max.poll.records", Integer.toString(maxPollRecords),
        "fetch.min.bytes", Integer.toString(fetch.minBytes()),
        "fetch.max.wait.ms", Long.toString(fetch.maxWait().toMillis()),
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
