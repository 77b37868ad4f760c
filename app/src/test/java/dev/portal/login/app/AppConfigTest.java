package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.contracts.ServiceEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The launcher configuration")
class AppConfigTest {
  private static final Set<Role> ALL_ROLES = EnumSet.allOf(Role.class);

  @TempDir
  Path tempDir;

  @Test
  @DisplayName("reads the config file and lets the environment override it")
  void environmentWinsOverFile() throws Exception {
    Path file = Files.writeString(tempDir.resolve("app.properties"),
        "KAFKA_BOOTSTRAP_SERVERS=file-kafka:9092\nREDIS_URL=redis://file-redis:6379\nTOPIC_PARTITIONS=6\n");

    AppConfig config = AppConfig.load(Map.of(
        AppConfig.CONFIG_FILE, file.toString(),
        "KAFKA_BOOTSTRAP_SERVERS", "env-kafka:9092"));

    assertEquals("env-kafka:9092", config.endpoints().kafka().bootstrapServers());
    assertEquals("redis://file-redis:6379", config.endpoints().redis().connectionString());
    assertEquals(6, config.topics().partitions());
    assertEquals("redis://file-redis:6379", config.env().get("REDIS_URL"), "file values reach the modules too");
  }

  @Test
  @DisplayName("starts embedded exactly the services that have no endpoint configured")
  void embeddedChoicePerService() {
    AppConfig config = AppConfig.fromEnv(Map.of(
        "PG_HOST", "db.internal", "PG_PORT", "6543", "PG_DATABASE", "portal", "PG_USER", "app", "PG_PASSWORD", "pw",
        "DATA_DIR", tempDir.toString(), "EMBEDDED_KAFKA_PORT", "29092", "EMBEDDED_REDIS_PORT", "26379"));

    assertFalse(config.noSetupMode());
    assertEquals(List.of("Kafka", "Redis"), config.embeddedServices().stream().map(EmbeddedService::name).toList());
    ServiceEndpoints endpoints = config.endpoints();
    assertEquals(new ServiceEndpoints.Postgres("db.internal", 6543, "portal", "app", "pw"), endpoints.postgres());
    assertEquals("127.0.0.1:29092", endpoints.kafka().bootstrapServers());
    assertEquals("redis://127.0.0.1:26379", endpoints.redis().connectionString());
    assertEquals("0.0.0.0", config.defaultHttpHost());
  }

  @Test
  @DisplayName("is in no-setup mode with every service embedded on the default ports when nothing is configured")
  void noSetupDefaults() {
    AppConfig config = AppConfig.fromEnv(Map.of());

    assertTrue(config.noSetupMode());
    assertEquals(Path.of("./data"), config.dataDir());
    assertEquals(List.of("Kafka", "PostgreSQL", "Redis"),
        config.embeddedServices().stream().map(EmbeddedService::name).toList());
    assertEquals("127.0.0.1:19092", config.endpoints().kafka().bootstrapServers());
    assertEquals(15432, config.endpoints().postgres().port());
    assertEquals("redis://127.0.0.1:16379", config.endpoints().redis().connectionString());
    assertEquals("127.0.0.1", config.defaultHttpHost());
  }

  @Test
  @DisplayName("generates the key-encryption key once in no-setup mode, owner-only, and reuses it on restart")
  void keyGeneratedOnceAndReused() throws Exception {
    Map<String, String> env = Map.of("DATA_DIR", tempDir.toString());

    String first = AppConfig.fromEnv(env).withKeys(ALL_ROLES).env().get(AppConfig.KEY_ENCRYPTION_KEY);
    String second = AppConfig.fromEnv(env).withKeys(ALL_ROLES).env().get(AppConfig.KEY_ENCRYPTION_KEY);

    assertEquals(32, Base64.getDecoder().decode(first).length);
    assertEquals(first, second, "a restart reuses the stored key");
    Path keyFile = tempDir.resolve(AppConfig.KEY_FILE_NAME);
    assertEquals(first, Files.readString(keyFile).trim());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));

    String otherDir = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.resolve("other").toString()))
        .withKeys(ALL_ROLES).env().get(AppConfig.KEY_ENCRYPTION_KEY);
    assertNotEquals(first, otherDir, "each data directory gets its own random key");
  }

  @Test
  @DisplayName("uses a given key-encryption key as is and writes no key file")
  void givenKeyIsUsed() throws Exception {
    String given = Base64.getEncoder().encodeToString(new byte[32]);
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), AppConfig.KEY_ENCRYPTION_KEY, given))
        .withKeys(ALL_ROLES);

    assertEquals(given, config.env().get(AppConfig.KEY_ENCRYPTION_KEY));
    assertFalse(Files.exists(tempDir.resolve(AppConfig.KEY_FILE_NAME)));
  }

  @Test
  @DisplayName("refuses to start without a key-encryption key outside no-setup mode")
  void missingKeyOutsideNoSetupFails() {
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), "REDIS_URL", "redis://cache:6379"));

    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.withKeys(ALL_ROLES));
    assertTrue(failure.getMessage().contains("KEY_ENCRYPTION_KEY is not set"), failure.getMessage());
    assertFalse(Files.exists(tempDir.resolve(AppConfig.KEY_FILE_NAME)), "no key is generated for a shared deployment");
  }

  @Test
  @DisplayName("rejects a key-encryption key that is not 32 bytes of base64, without echoing it")
  void malformedKeyFails() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    AppConfig config = AppConfig.fromEnv(Map.of(AppConfig.KEY_ENCRYPTION_KEY, shortKey));

    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.withKeys(ALL_ROLES));
    assertTrue(failure.getMessage().contains("32 bytes"), failure.getMessage());
    assertFalse(failure.getMessage().contains(shortKey));
  }

  @Test
  @DisplayName("generates the notification key once in no-setup mode, owner-only, apart from the key-encryption key")
  void notificationKeyGeneratedOnceAndReused() throws Exception {
    Map<String, String> env = Map.of("DATA_DIR", tempDir.toString());

    AppConfig first = AppConfig.fromEnv(env).withKeys(ALL_ROLES);
    String key = first.env().get(AppConfig.NOTIFICATION_KEY);
    String again = AppConfig.fromEnv(env).withKeys(ALL_ROLES).env().get(AppConfig.NOTIFICATION_KEY);

    assertEquals(32, Base64.getDecoder().decode(key).length);
    assertEquals(key, again, "a restart reuses the stored key");
    assertNotEquals(first.env().get(AppConfig.KEY_ENCRYPTION_KEY), key, "two independent keys");
    Path keyFile = tempDir.resolve(AppConfig.NOTIFICATION_KEY_FILE_NAME);
    assertEquals(key, Files.readString(keyFile).trim());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
  }

  @Test
  @DisplayName("uses a given notification key as is and writes no key file for it")
  void givenNotificationKeyIsUsed() throws Exception {
    String given = Base64.getEncoder().encodeToString(new byte[32]);
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), AppConfig.NOTIFICATION_KEY, given))
        .withKeys(ALL_ROLES);

    assertEquals(given, config.env().get(AppConfig.NOTIFICATION_KEY));
    assertFalse(Files.exists(tempDir.resolve(AppConfig.NOTIFICATION_KEY_FILE_NAME)));
  }

  @Test
  @DisplayName("refuses to start without a notification key outside no-setup mode, naming the variable")
  void missingNotificationKeyOutsideNoSetupFails() {
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), "REDIS_URL", "redis://cache:6379",
        AppConfig.KEY_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(new byte[32])));

    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.withKeys(ALL_ROLES));
    assertTrue(failure.getMessage().contains("NOTIFICATION_KEY is not set"), failure.getMessage());
    assertFalse(Files.exists(tempDir.resolve(AppConfig.NOTIFICATION_KEY_FILE_NAME)));
  }

  @Test
  @DisplayName("needs no notification key for a process running only the lockout and audit consumers")
  void consumersWithoutNotificationsNeedNoNotificationKey() throws Exception {
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), "REDIS_URL", "redis://cache:6379",
        AppConfig.KEY_ENCRYPTION_KEY, Base64.getEncoder().encodeToString(new byte[32])));

    AppConfig resolved = config.withKeys(EnumSet.of(Role.LOCKOUT_CONSUMER, Role.AUDIT_CONSUMER));
    assertFalse(resolved.env().containsKey(AppConfig.NOTIFICATION_KEY));
    for (Role role : List.of(Role.API, Role.NOTIFICATION_CONSUMER)) {
      IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.withKeys(EnumSet.of(role)));
      assertTrue(failure.getMessage().contains("NOTIFICATION_KEY is not set"), role + ": " + failure.getMessage());
    }
  }

  @Test
  @DisplayName("rejects a notification key that is not 32 bytes of base64, naming the variable without echoing it")
  void malformedNotificationKeyFails() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[20]);
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString(), AppConfig.NOTIFICATION_KEY, shortKey));

    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> config.withKeys(ALL_ROLES));
    assertTrue(failure.getMessage().contains("NOTIFICATION_KEY"), failure.getMessage());
    assertFalse(failure.getMessage().contains(shortKey));
  }

  @Test
  @DisplayName("turns the development outbox on in no-setup mode and off otherwise, for every role alike")
  void devOutboxFollowsTheMode() {
    assertEquals("true", AppConfig.fromEnv(Map.of()).env().get(AppConfig.DEV_OUTBOX));
    assertEquals("false", AppConfig.fromEnv(Map.of("REDIS_URL", "redis://cache:6379")).env().get(AppConfig.DEV_OUTBOX));
  }

  @Test
  @DisplayName("lets an explicit DEV_OUTBOX win over the mode's default")
  void explicitDevOutboxWins() {
    assertEquals("false", AppConfig.fromEnv(Map.of(AppConfig.DEV_OUTBOX, "false")).env().get(AppConfig.DEV_OUTBOX));
    assertEquals("true", AppConfig.fromEnv(Map.of("REDIS_URL", "redis://cache:6379", AppConfig.DEV_OUTBOX, "true"))
        .env().get(AppConfig.DEV_OUTBOX));
  }

  @Test
  @DisplayName("points links at this machine's HTTP port in no-setup mode unless PUBLIC_BASE_URL is given")
  void publicBaseUrlDefaultsToLocalhostInNoSetupMode() {
    assertEquals("http://localhost:8080", AppConfig.fromEnv(Map.of()).env().get(AppConfig.PUBLIC_BASE_URL));
    assertEquals("http://localhost:9000",
        AppConfig.fromEnv(Map.of("HTTP_PORT", "9000")).env().get(AppConfig.PUBLIC_BASE_URL));
    assertEquals("https://portal.example.go.id", AppConfig.fromEnv(Map.of(
        AppConfig.PUBLIC_BASE_URL, "https://portal.example.go.id")).env().get(AppConfig.PUBLIC_BASE_URL));
    assertFalse(AppConfig.fromEnv(Map.of("REDIS_URL", "redis://cache:6379")).env()
        .containsKey(AppConfig.PUBLIC_BASE_URL), "a shared deployment states its own public address");
  }

  @Test
  @DisplayName("keeps the mode defaults once the keys are resolved")
  void modeDefaultsSurviveKeyResolution() throws Exception {
    AppConfig config = AppConfig.fromEnv(Map.of("DATA_DIR", tempDir.toString())).withKeys(ALL_ROLES);

    assertEquals("true", config.env().get(AppConfig.DEV_OUTBOX));
    assertEquals("http://localhost:8080", config.env().get(AppConfig.PUBLIC_BASE_URL));
  }

  @Test
  @DisplayName("never shows the PostgreSQL password or Redis credentials in its text form")
  void toStringHidesSecrets() {
    AppConfig config = AppConfig.fromEnv(Map.of("PG_HOST", "db", "PG_PASSWORD", "s3cret-pg",
        "REDIS_URL", "redis://:s3cret-redis@cache:6379", AppConfig.KEY_ENCRYPTION_KEY, "c2VjcmV0",
        AppConfig.NOTIFICATION_KEY, "bm90aWZ5"));

    String text = config.toString();
    assertFalse(text.contains("s3cret"), text);
    assertFalse(text.contains("c2VjcmV0"), text);
    assertFalse(text.contains("bm90aWZ5"), text);
  }
}
