package dev.portal.login.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginConfigTest {
  private static final String KEK = Base64.getEncoder().encodeToString(new byte[32]);

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("KEY_ENCRYPTION_KEY", KEK);
    env.put("NOTIFICATION_KEY", KEK);
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  @DisplayName("defaults match the documented table")
  void hasDocumentedDefaults() {
    LoginConfig config = LoginConfig.fromEnv(env());
    assertEquals(new LoginConfig.Hashing(19456, 2, 1, Runtime.getRuntime().availableProcessors(),
        8 * Runtime.getRuntime().availableProcessors()),
        config.hashing());
    assertEquals("login-backend", config.tokens().issuer());
    assertEquals("portal", config.tokens().audience());
    assertEquals(Duration.ofSeconds(300), config.tokens().accessTokenTtl());
    assertEquals(Duration.ofMillis(3000), config.publishing().timeout());
    assertEquals(Duration.ofMillis(2000), config.publishing().outageCoolDown());
    assertEquals(Duration.ofMillis(1000), config.healthProbeTimeout());
    assertEquals(new LoginConfig.RedisPool(32, 1024), config.redisPool());
    assertNull(config.bootstrapAdmin().username());
  }

  @Test
  @DisplayName("a missing or wrong-length key-encryption key stops start-up with a message naming the variable,"
      + " never its value")
  void requiresKeyEncryptionKey() {
    Map<String, String> missing = env();
    missing.remove("KEY_ENCRYPTION_KEY");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnv(missing))
        .getMessage().contains("KEY_ENCRYPTION_KEY"));
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> LoginConfig.fromEnv(env("KEY_ENCRYPTION_KEY", shortKey)));
    assertFalse(wrong.getMessage().contains(shortKey));
    assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnv(env("KEY_ENCRYPTION_KEY", "%%%")));
  }

  @Test
  @DisplayName("the hash queue holds eight jobs per hashing thread unless configured")
  void hashQueueFollowsThreads() {
    assertEquals(24, LoginConfig.fromEnv(env("HASH_THREADS", "3")).hashing().queueCapacity());
    assertEquals(5, LoginConfig.fromEnv(env("HASH_THREADS", "3", "HASH_QUEUE_CAPACITY", "5")).hashing().queueCapacity());
  }

  @Test
  @DisplayName("the notification key is required and a wrong one is refused without quoting it")
  void requiresNotificationKey() {
    Map<String, String> missing = env();
    missing.remove("NOTIFICATION_KEY");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnv(missing))
        .getMessage().contains("NOTIFICATION_KEY"));
    String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> LoginConfig.fromEnv(env("NOTIFICATION_KEY", shortKey)));
    assertFalse(wrong.getMessage().contains(shortKey));
  }

  @Test
  @DisplayName("numbers are read from the environment and nonsense is refused with the variable's name")
  void readsNumbers() {
    LoginConfig config = LoginConfig.fromEnv(env("HASH_MEMORY_KIB", "1024", "HASH_ITERATIONS", "1",
        "HASH_THREADS", "3", "KAFKA_PUBLISH_TIMEOUT_MS", "1500", "KAFKA_LINGER_MS", "0",
        "KAFKA_OUTAGE_COOLDOWN_MS", "0"));
    assertEquals(1024, config.hashing().memoryKib());
    assertEquals(3, config.hashing().threads());
    assertEquals(Duration.ofMillis(1500), config.publishing().deliveryTimeout());
    assertEquals(Duration.ZERO, config.publishing().outageCoolDown());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> LoginConfig.fromEnv(env("HASH_QUEUE_CAPACITY", "0"))).getMessage().contains("HASH_QUEUE_CAPACITY"));
    assertThrows(IllegalArgumentException.class, () -> LoginConfig.fromEnv(env("HASH_THREADS", "many")));
  }

  @Test
  @DisplayName("in no-setup mode the administrator defaults to 'admin' with a generated password;"
      + " a configured name is kept")
  void generatedAdministrator() {
    LoginConfig.BootstrapAdmin admin = LoginConfig.fromEnv(env()).withGeneratedAdminPassword(true).bootstrapAdmin();
    assertEquals("admin", admin.username());
    assertTrue(admin.generatePassword());
    assertEquals("admin@localhost.localdomain", admin.effectiveEmail());
    assertEquals("root", LoginConfig.fromEnv(env("BOOTSTRAP_ADMIN_USERNAME", "root"))
        .withGeneratedAdminPassword(true).bootstrapAdmin().username());
    assertNull(LoginConfig.fromEnv(env()).withGeneratedAdminPassword(false).bootstrapAdmin().username());
  }

  @Test
  @DisplayName("printing the configuration shows neither the admin password nor the key-encryption key")
  void hidesSecretsWhenPrinted() {
    String printed = LoginConfig.fromEnv(env("BOOTSTRAP_ADMIN_PASSWORD", "very-secret-admin-pw")).toString();
    assertFalse(printed.contains("very-secret-admin-pw"));
    assertFalse(printed.contains(KEK));
  }
}
