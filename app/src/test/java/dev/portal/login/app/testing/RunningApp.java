package dev.portal.login.app.testing;

import dev.portal.login.app.AppConfig;
import dev.portal.login.app.Application;
import dev.portal.login.app.Role;
import dev.portal.login.app.TempFiles;
import dev.portal.login.contracts.ServiceEndpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole application (all roles, or the chosen ones) running against {@link TestServices} on a
 * free HTTP port, with a fresh key-encryption key and cheap password hashing so tests stay fast, and
 * messages kept in the development outbox unless the test gives delivery channels ({@link Channels}).
 */
public final class RunningApp implements AutoCloseable {
  private static final long START_LIMIT_SECONDS = 120;
  private static final long STOP_LIMIT_SECONDS = 60;
  /**
   * One key for the whole test JVM: the shared database keeps what an earlier app sealed with it
   * (e.g. token signing keys), which a later app in the same run must still be able to open.
   */
  private static final String KEY_ENCRYPTION_KEY = randomKey();
  /** One per test JVM too: a notification sealed by one app may be delivered by the next one's consumer. */
  private static final String NOTIFICATION_KEY = randomKey();

  private final Application application;
  private final Path dataDir;

  private RunningApp(Application application, Path dataDir) {
    this.application = application;
    this.dataDir = dataDir;
  }

  public static RunningApp start() throws Exception {
    return start(EnumSet.allOf(Role.class), Map.of());
  }

  /** @param extraEnv variables added over the test defaults (e.g. BOOTSTRAP_ADMIN_*) */
  public static RunningApp start(Set<Role> roles, Map<String, String> extraEnv) throws Exception {
    return start(roles, extraEnv, Clock.systemUTC());
  }

  /** @param clock the clock of token and session expiry and key rotation, e.g. a {@link MutableClock} */
  public static RunningApp start(Set<Role> roles, Map<String, String> extraEnv, Clock clock) throws Exception {
    Path dataDir = Files.createTempDirectory("running-app-");
    Map<String, String> env = new HashMap<>(environment(TestServices.get().endpoints(), dataDir));
    env.putAll(extraEnv);
    try {
      AppConfig config = AppConfig.fromEnv(env).withKeys(roles);
      Application application = Application.start(config, roles, clock)
          .toCompletionStage().toCompletableFuture().get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
      return new RunningApp(application, dataDir);
    } catch (Exception e) {
      TempFiles.deleteRecursively(dataDir);
      throw e;
    }
  }

  private static Map<String, String> environment(ServiceEndpoints endpoints, Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dataDir.toString());
    env.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.kafka().bootstrapServers());
    env.put("PG_HOST", endpoints.postgres().host());
    env.put("PG_PORT", String.valueOf(endpoints.postgres().port()));
    env.put("PG_DATABASE", endpoints.postgres().database());
    env.put("PG_USER", endpoints.postgres().user());
    env.put("PG_PASSWORD", endpoints.postgres().password());
    env.put("REDIS_URL", endpoints.redis().connectionString());
    env.put("HTTP_HOST", "127.0.0.1");
    env.put("HTTP_PORT", "0");
    // consumer-only test processes would all want the default management port
    env.put("MANAGEMENT_PORT", "0");
    env.put(AppConfig.KEY_ENCRYPTION_KEY, KEY_ENCRYPTION_KEY);
    env.put(AppConfig.NOTIFICATION_KEY, NOTIFICATION_KEY);
    // messages stay in the development outbox unless a test points the channels at servers (Channels.env())
    env.put(AppConfig.DEV_OUTBOX, "true");
    env.put("HASH_MEMORY_KIB", "1024");
    env.put("HASH_ITERATIONS", "1");
    return env;
  }

  private static String randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + application.httpPort();
  }

  public int port() {
    return application.httpPort();
  }

  public Application application() {
    return application;
  }

  @Override
  public void close() throws Exception {
    try {
      application.close().toCompletionStage().toCompletableFuture().get(STOP_LIMIT_SECONDS, TimeUnit.SECONDS);
    } finally {
      TempFiles.deleteRecursively(dataDir);
    }
  }
}
