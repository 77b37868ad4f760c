package dev.portal.login.app;

import dev.portal.login.contracts.ServiceEndpoints;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The launcher's configuration, built once at start-up from the environment, optionally merged
 * over a properties file (the environment wins). A service whose endpoint is not configured is
 * started embedded; when all three are, the process is in no-setup mode.
 *
 * <pre>
 * ENV variable              default            meaning
 * CONFIG_FILE               (none)             properties file (same keys as these variables) read under the environment
 * DATA_DIR                  ./data             where embedded services and the generated key keep their data
 * KAFKA_BOOTSTRAP_SERVERS   (embedded)         Kafka bootstrap servers; unset = start embedded Kafka
 * PG_HOST                   (embedded)         PostgreSQL host; unset = start embedded PostgreSQL
 * PG_PORT                   5432               PostgreSQL port (with PG_HOST)
 * PG_DATABASE               login              PostgreSQL database (with PG_HOST)
 * PG_USER                   login              PostgreSQL user (with PG_HOST)
 * PG_PASSWORD               (empty)            PostgreSQL password (with PG_HOST)
 * REDIS_URL                 (embedded)         redis:// connection string; unset = start embedded Redis
 * EMBEDDED_KAFKA_PORT       19092              embedded Kafka client port (controller uses EMBEDDED_KAFKA_CONTROLLER_PORT)
 * EMBEDDED_KAFKA_CONTROLLER_PORT 19093         embedded Kafka KRaft controller port
 * EMBEDDED_PG_PORT          15432              embedded PostgreSQL port
 * EMBEDDED_REDIS_PORT       16379              embedded Redis port
 * TOPIC_PARTITIONS          3                  partitions of each topic created at start-up
 * KAFKA_REPLICATION_FACTOR  1                  replication factor of each topic created at start-up
 * KAFKA_ADMIN_TIMEOUT_MS    15000              how long topic provisioning may wait for Kafka
 * KEY_ENCRYPTION_KEY        (generated in no-setup mode) base64 of 32 random bytes; required otherwise
 * NOTIFICATION_KEY          (generated in no-setup mode) base64 of 32 random bytes sealing codes and links in
 *                           notification messages; required otherwise, by the api and notification-consumer roles
 * DEV_OUTBOX                true in no-setup mode, else false   render messages into the development outbox
 *                           (GET /api/v1/dev/outbox) instead of sending them
 * PUBLIC_BASE_URL           http://localhost:HTTP_PORT in no-setup mode   where people reach the portal
 *                           (links in messages); outside no-setup mode the login role's default applies
 * </pre>
 * The last two are mode defaults: written into {@link #env()} when absent, so every role's settings
 * (the gateway's, the notification consumer's, the login verticle's) read the same value.
 *
 * @param env the merged variables, handed on to every module's {@code fromEnv}
 */
public record AppConfig(
    Map<String, String> env,
    Path dataDir,
    Optional<String> kafkaBootstrapServers,
    Optional<ServiceEndpoints.Postgres> postgres,
    Optional<String> redisUrl,
    EmbeddedPorts embeddedPorts,
    TopicSettings topics) {

  public static final String CONFIG_FILE = "CONFIG_FILE";
  public static final String KEY_ENCRYPTION_KEY = "KEY_ENCRYPTION_KEY";
  public static final String NOTIFICATION_KEY = "NOTIFICATION_KEY";
  public static final String DEV_OUTBOX = "DEV_OUTBOX";
  public static final String PUBLIC_BASE_URL = "PUBLIC_BASE_URL";
  static final String KEY_FILE_NAME = "key-encryption.key";
  static final String NOTIFICATION_KEY_FILE_NAME = "notification.key";
  private static final String DEFAULT_HTTP_PORT = "8080";

  public AppConfig {
    env = Map.copyOf(env);
  }

  /** Ports of the embedded services. */
  public record EmbeddedPorts(int kafka, int kafkaController, int postgres, int redis) {
    static EmbeddedPorts fromEnv(Map<String, String> env) {
      return new EmbeddedPorts(
          intValue(env, "EMBEDDED_KAFKA_PORT", 19092),
          intValue(env, "EMBEDDED_KAFKA_CONTROLLER_PORT", 19093),
          intValue(env, "EMBEDDED_PG_PORT", 15432),
          intValue(env, "EMBEDDED_REDIS_PORT", 16379));
    }
  }

  /** How the topics are created at start-up. */
  public record TopicSettings(int partitions, short replicationFactor, Duration adminTimeout) {
    static TopicSettings fromEnv(Map<String, String> env) {
      return new TopicSettings(
          intValue(env, "TOPIC_PARTITIONS", 3),
          (short) intValue(env, "KAFKA_REPLICATION_FACTOR", 1),
          Duration.ofMillis(intValue(env, "KAFKA_ADMIN_TIMEOUT_MS", 15_000)));
    }
  }

  /** The process environment, merged over the file named by CONFIG_FILE if there is one. */
  public static AppConfig load(Map<String, String> processEnv) throws IOException {
    Map<String, String> merged = new HashMap<>();
    String file = processEnv.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      merged.putAll(readProperties(Path.of(file)));
    }
    merged.putAll(processEnv);
    return fromEnv(merged);
  }

  public static AppConfig fromEnv(Map<String, String> env) {
    Optional<String> kafka = nonBlank(env, "KAFKA_BOOTSTRAP_SERVERS");
    Optional<ServiceEndpoints.Postgres> postgres = nonBlank(env, "PG_HOST").map(host -> new ServiceEndpoints.Postgres(
        host,
        intValue(env, "PG_PORT", 5432),
        env.getOrDefault("PG_DATABASE", "login"),
        env.getOrDefault("PG_USER", "login"),
        env.getOrDefault("PG_PASSWORD", "")));
    Optional<String> redis = nonBlank(env, "REDIS_URL");
    boolean noSetup = kafka.isEmpty() && postgres.isEmpty() && redis.isEmpty();
    return new AppConfig(
        withModeDefaults(env, noSetup),
        Path.of(env.getOrDefault("DATA_DIR", "./data")),
        kafka,
        postgres,
        redis,
        EmbeddedPorts.fromEnv(env),
        TopicSettings.fromEnv(env));
  }

  /**
   * The variables whose default depends on the mode, filled in when absent: the development outbox is
   * on only in no-setup mode, where the portal's links point at this machine.
   */
  private static Map<String, String> withModeDefaults(Map<String, String> env, boolean noSetup) {
    Map<String, String> completed = new HashMap<>(env);
    if (nonBlank(env, DEV_OUTBOX).isEmpty()) {
      completed.put(DEV_OUTBOX, Boolean.toString(noSetup));
    }
    if (noSetup && nonBlank(env, PUBLIC_BASE_URL).isEmpty()) {
      String port = nonBlank(env, "HTTP_PORT").orElse(DEFAULT_HTTP_PORT);
      // with HTTP_PORT=0 the port is known only after binding: the login role's own default stays
      if (!"0".equals(port)) {
        completed.put(PUBLIC_BASE_URL, "http://localhost:" + port);
      }
    }
    return completed;
  }

  private static Map<String, String> readProperties(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    Map<String, String> values = new HashMap<>();
    properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
    return values;
  }

  public boolean embeddedKafka() {
    return kafkaBootstrapServers.isEmpty();
  }

  public boolean embeddedPostgres() {
    return postgres.isEmpty();
  }

  public boolean embeddedRedis() {
    return redisUrl.isEmpty();
  }

  /** No endpoint configured at all: everything runs on this machine for one developer. */
  public boolean noSetupMode() {
    return embeddedKafka() && embeddedPostgres() && embeddedRedis();
  }

  /** In no-setup mode only this machine may connect; otherwise listen everywhere (behind a balancer). */
  public String defaultHttpHost() {
    return noSetupMode() ? "127.0.0.1" : "0.0.0.0";
  }

  /** The services to start embedded, in start order (stopped in reverse). */
  public List<EmbeddedService> embeddedServices() {
    List<EmbeddedService> services = new ArrayList<>();
    if (embeddedKafka()) {
      services.add(new EmbeddedKafka(dataDir, embeddedPorts.kafka(), embeddedPorts.kafkaController()));
    }
    if (embeddedPostgres()) {
      services.add(new EmbeddedPostgres(dataDir, embeddedPorts.postgres()));
    }
    if (embeddedRedis()) {
      services.add(new EmbeddedRedis(dataDir, embeddedPorts.redis()));
    }
    return services;
  }

  /** Where every role finds Kafka, PostgreSQL and Redis: configured, or the embedded ones. */
  public ServiceEndpoints endpoints() {
    return new ServiceEndpoints(
        new ServiceEndpoints.Kafka(kafkaBootstrapServers.orElse(EmbeddedKafka.HOST + ":" + embeddedPorts.kafka())),
        postgres.orElse(new ServiceEndpoints.Postgres(EmbeddedPostgres.HOST, embeddedPorts.postgres(),
            EmbeddedPostgres.DATABASE, EmbeddedPostgres.USER, "")),
        new ServiceEndpoints.Redis(redisUrl.orElse("redis://" + EmbeddedRedis.HOST + ":" + embeddedPorts.redis())));
  }

  /**
   * This configuration with the keys {@code roles} need present in {@link #env()}: KEY_ENCRYPTION_KEY
   * always, NOTIFICATION_KEY for the roles that seal or open notifications. Each as given, else (no-setup
   * mode only) the key kept in the data directory, generated on first use.
   *
   * @throws IllegalStateException when a needed key is missing outside no-setup mode, or malformed
   */
  public AppConfig withKeys(Set<Role> roles) throws IOException {
    Map<String, String> withKeys = new HashMap<>(env);
    withKeys.put(KEY_ENCRYPTION_KEY, resolveKey(KEY_ENCRYPTION_KEY, KEY_FILE_NAME));
    if (needsNotificationKey(roles)) {
      withKeys.put(NOTIFICATION_KEY, resolveKey(NOTIFICATION_KEY, NOTIFICATION_KEY_FILE_NAME));
    }
    return new AppConfig(withKeys, dataDir, kafkaBootstrapServers, postgres, redisUrl, embeddedPorts, topics);
  }

  /** The login path seals codes and links into notifications; the notification consumer opens them. */
  static boolean needsNotificationKey(Set<Role> roles) {
    return roles.contains(Role.API) || roles.contains(Role.NOTIFICATION_CONSUMER);
  }

  private String resolveKey(String variable, String fileName) throws IOException {
    String given = env.get(variable);
    if (given != null && !given.isBlank()) {
      return KeyFile.requireValid(given.trim(), variable);
    }
    if (noSetupMode()) {
      return KeyFile.loadOrCreate(dataDir.resolve(fileName));
    }
    throw new IllegalStateException(variable + " is not set. Outside no-setup mode every process "
        + "must share one key: set it to the base64 of 32 random bytes (e.g. `openssl rand -base64 32`).");
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(value -> !value.isEmpty());
  }

  private static int intValue(Map<String, String> env, String name, int defaultValue) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'");
    }
  }

  /** Never prints the variables: they may hold passwords and keys. */
  @Override
  public String toString() {
    return "AppConfig[dataDir=" + dataDir + ", kafka=" + kafkaBootstrapServers.orElse("embedded")
        + ", postgres=" + postgres.map(Object::toString).orElse("embedded")
        + ", redis=" + redisUrl.map(url -> new ServiceEndpoints.Redis(url).toString()).orElse("embedded") + "]";
  }
}
