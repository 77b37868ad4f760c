package dev.portal.login.identity;

import dev.portal.login.contracts.NotificationSeal;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Settings of the login verticle, read once from the environment at start-up.
 *
 * <table>
 *   <caption>Environment variables</caption>
 *   <tr><th>Variable</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>KEY_ENCRYPTION_KEY</td><td>(required)</td><td>base64 of 32 random bytes; seals signing keys,
 *       keys the HMAC of unknown identifiers in events</td></tr>
 *   <tr><td>HASH_MEMORY_KIB</td><td>19456</td><td>argon2id memory cost in KiB</td></tr>
 *   <tr><td>HASH_ITERATIONS</td><td>2</td><td>argon2id time cost (passes)</td></tr>
 *   <tr><td>HASH_PARALLELISM</td><td>1</td><td>argon2id lanes</td></tr>
 *   <tr><td>HASH_THREADS</td><td>available processors</td><td>threads of the password hashing executor</td></tr>
 *   <tr><td>HASH_QUEUE_CAPACITY</td><td>8 × HASH_THREADS</td><td>hash jobs that may wait; beyond it requests get 503
 *       overloaded at once</td></tr>
 *   <tr><td>ACCESS_TOKEN_TTL_SECONDS</td><td>300</td><td>lifetime of an access token</td></tr>
 *   <tr><td>SESSION_IDLE_TTL_SECONDS</td><td>1800</td><td>a session without a request or refresh for this
 *       long has expired</td></tr>
 *   <tr><td>SESSION_ABSOLUTE_TTL_SECONDS</td><td>SESSION_TTL_SECONDS, else 43200</td><td>a session ends this
 *       long after its login whatever its activity (SESSION_TTL_SECONDS is the older name)</td></tr>
 *   <tr><td>TOKEN_CLOCK_SKEW_SECONDS</td><td>30</td><td>tolerance the gateway allows on {@code exp}; an old
 *       signing key stays published this much beyond the last token it signed</td></tr>
 *   <tr><td>SIGNING_KEY_ROTATION_DAYS</td><td>30</td><td>how long one key signs before the next takes
 *       over</td></tr>
 *   <tr><td>SIGNING_KEY_PUBLISH_AHEAD_SECONDS</td><td>86400</td><td>how long a new key is published in the
 *       JWKS before it signs, so caches of relying parties know it in time</td></tr>
 *   <tr><td>SIGNING_KEY_REFRESH_SECONDS</td><td>60</td><td>how often each instance re-reads the keys and
 *       creates or retires keys when due</td></tr>
 *   <tr><td>TOKEN_ISSUER</td><td>login-backend</td><td>{@code iss} of access tokens (the gateway checks the
 *       same variable)</td></tr>
 *   <tr><td>TOKEN_AUDIENCE</td><td>portal</td><td>{@code aud} of access tokens (the gateway checks the same
 *       variable)</td></tr>
 *   <tr><td>KAFKA_PUBLISH_TIMEOUT_MS</td><td>3000</td><td>bound on one event publish (metadata wait, broker
 *       request); a login answers 503 when it passes</td></tr>
 *   <tr><td>KAFKA_LINGER_MS</td><td>5</td><td>producer batching delay</td></tr>
 *   <tr><td>KAFKA_OUTAGE_COOLDOWN_MS</td><td>2000</td><td>after a publish failed for an unreachable broker,
 *       publishes are refused at once (503 unavailable) this long, then one probe at a time tries; 0 turns
 *       it off</td></tr>
 *   <tr><td>LOGIN_PG_POOL_SIZE</td><td>8</td><td>PostgreSQL connections of this verticle</td></tr>
 *   <tr><td>LOGIN_REDIS_POOL_SIZE</td><td>32</td><td>connections of this verticle to Redis (sessions, refresh,
 *       codes)</td></tr>
 *   <tr><td>LOGIN_REDIS_POOL_WAITING</td><td>1024</td><td>requests that may wait for one of them; beyond it they
 *       fail at once with 503 (the Vert.x defaults, 6 and 24, refused refreshes above ~30 concurrent ones)</td></tr>
 *   <tr><td>HEALTH_PROBE_TIMEOUT_MS</td><td>1000</td><td>bound on each health probe (postgres, redis,
 *       kafka)</td></tr>
 *   <tr><td>BOOTSTRAP_ADMIN_USERNAME</td><td>unset ("admin" in no-setup mode)</td><td>administrator created
 *       at start when absent</td></tr>
 *   <tr><td>BOOTSTRAP_ADMIN_PASSWORD</td><td>unset (generated and printed once in no-setup mode)</td>
 *       <td>its password</td></tr>
 *   <tr><td>NOTIFICATION_KEY</td><td>(required)</td><td>base64 of 32 random bytes; seals codes, links
 *       and destinations inside notification messages (the notification consumer holds the same key)</td></tr>
 *   <tr><td colspan="3">and the variables of {@link SecondFactorConfig} and {@link AccountRecoveryConfig}</td></tr>
 *   <tr><td>BOOTSTRAP_ADMIN_EMAIL</td><td>&lt;username&gt;@localhost.localdomain</td><td>its e-mail</td></tr>
 * </table>
 */
public record LoginConfig(
    Hashing hashing,
    Tokens tokens,
    Publishing publishing,
    int postgresPoolSize,
    RedisPool redisPool,
    Duration healthProbeTimeout,
    KeyEncryptionKey keyEncryptionKey,
    BootstrapAdmin bootstrapAdmin,
    SecondFactorConfig secondFactor,
    AccountRecoveryConfig recovery,
    NotificationSeal notificationSeal) {

  /** Bounds of a Redis connection pool: connections, and requests that may wait for one. */
  public record RedisPool(int maxSize, int maxWaiting) {
  }

  /** argon2id cost parameters and the bounded executor they run on. */
  public record Hashing(int memoryKib, int iterations, int parallelism, int threads, int queueCapacity) {
  }

  /**
   * Access token claims and lifetimes, the session lifetimes and the signing-key schedule.
   *
   * @param clockSkew how far clocks of instances may disagree (the gateway's tolerance on exp)
   */
  public record Tokens(String issuer, String audience, Duration accessTokenTtl, Duration clockSkew,
      Sessions sessions, KeyRotation keyRotation) {
  }

  /** A session ends after {@code idleTtl} without use, and {@code absoluteTtl} after its login in any case. */
  public record Sessions(Duration idleTtl, Duration absoluteTtl) {
  }

  /**
   * When signing keys change: each signs for {@code period}, is published {@code publishAhead} before it
   * signs, and every instance re-reads the keys each {@code reloadInterval}.
   */
  public record KeyRotation(Duration period, Duration publishAhead, Duration reloadInterval) {
  }

  /**
   * Kafka producer bounds. Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms, so
   * the delivery bound is derived; the Vert.x-side backstop allows a little beyond it.
   *
   * @param outageCoolDown after a publish failed for an unreachable broker, how long further publishes
   *     are refused at once before one probe may try again; zero: every publish waits out its own timeout
   */
  public record Publishing(Duration timeout, Duration linger, Duration outageCoolDown) {
    public Duration deliveryTimeout() {
      return timeout.plus(linger);
    }

    /** How long the caller waits for an acknowledgement before answering 503 on its own. */
    public Duration backstop() {
      return deliveryTimeout().plus(linger).plusMillis(BACKSTOP_GRACE_MILLIS);
    }

    private static final long BACKSTOP_GRACE_MILLIS = 250;
  }

  /**
   * The administrator ensured at start.
   *
   * @param username null: no administrator is created
   * @param password null: generated and printed once when {@code generatePassword}, else not created
   */
  public record BootstrapAdmin(String username, String password, String email, boolean generatePassword) {
    @Override
    public String toString() {
      return "BootstrapAdmin[username=" + username + ", email=" + email + ", password="
          + (password == null ? "unset" : "***") + ", generatePassword=" + generatePassword + "]";
    }

    /** The e-mail to register: the configured one, or a local placeholder. */
    public String effectiveEmail() {
      return email != null ? email : username + "@localhost.localdomain";
    }
  }

  static final String DEFAULT_ADMIN_USERNAME = "admin";
  /**
   * Hash jobs that wait per hashing thread by default. A waiting job costs its caller one hash time
   * (tens of milliseconds) per job ahead of it: eight keep every thread busy between arrivals while an
   * accepted login waits a fraction of a second, and a surge beyond that is refused at once instead.
   */
  static final int QUEUED_HASHES_PER_THREAD = 8;

  public static LoginConfig fromEnv(Map<String, String> env) {
    int hashThreads = EnvValues.positive(env, "HASH_THREADS", Runtime.getRuntime().availableProcessors());
    Hashing hashing = new Hashing(
        EnvValues.positive(env, "HASH_MEMORY_KIB", 19456),
        EnvValues.positive(env, "HASH_ITERATIONS", 2),
        EnvValues.positive(env, "HASH_PARALLELISM", 1),
        hashThreads,
        EnvValues.positive(env, "HASH_QUEUE_CAPACITY", QUEUED_HASHES_PER_THREAD * hashThreads));
    Tokens tokens = new Tokens(
        EnvValues.text(env, "TOKEN_ISSUER", "login-backend"),
        EnvValues.text(env, "TOKEN_AUDIENCE", "portal"),
        Duration.ofSeconds(EnvValues.positive(env, "ACCESS_TOKEN_TTL_SECONDS", 300)),
        Duration.ofSeconds(EnvValues.nonNegative(env, "TOKEN_CLOCK_SKEW_SECONDS", 30)),
        new Sessions(
            Duration.ofSeconds(EnvValues.positive(env, "SESSION_IDLE_TTL_SECONDS", 1800)),
            Duration.ofSeconds(EnvValues.positive(env, "SESSION_ABSOLUTE_TTL_SECONDS",
                EnvValues.positive(env, "SESSION_TTL_SECONDS", 43200)))),
        new KeyRotation(
            Duration.ofDays(EnvValues.positive(env, "SIGNING_KEY_ROTATION_DAYS", 30)),
            Duration.ofSeconds(EnvValues.nonNegative(env, "SIGNING_KEY_PUBLISH_AHEAD_SECONDS", 86400)),
            Duration.ofSeconds(EnvValues.positive(env, "SIGNING_KEY_REFRESH_SECONDS", 60))));
    Publishing publishing = new Publishing(
        Duration.ofMillis(EnvValues.positive(env, "KAFKA_PUBLISH_TIMEOUT_MS", 3000)),
        Duration.ofMillis(EnvValues.nonNegative(env, "KAFKA_LINGER_MS", 5)),
        Duration.ofMillis(EnvValues.nonNegative(env, "KAFKA_OUTAGE_COOLDOWN_MS", 2000)));
    BootstrapAdmin admin = new BootstrapAdmin(
        EnvValues.text(env, "BOOTSTRAP_ADMIN_USERNAME", null),
        EnvValues.text(env, "BOOTSTRAP_ADMIN_PASSWORD", null),
        EnvValues.text(env, "BOOTSTRAP_ADMIN_EMAIL", null),
        false);
    return new LoginConfig(
        hashing,
        tokens,
        publishing,
        EnvValues.positive(env, "LOGIN_PG_POOL_SIZE", 8),
        new RedisPool(EnvValues.positive(env, "LOGIN_REDIS_POOL_SIZE", 32),
            EnvValues.positive(env, "LOGIN_REDIS_POOL_WAITING", 1024)),
        Duration.ofMillis(EnvValues.positive(env, "HEALTH_PROBE_TIMEOUT_MS", 1000)),
        KeyEncryptionKey.fromBase64(env.get("KEY_ENCRYPTION_KEY")),
        admin,
        SecondFactorConfig.fromEnv(env),
        AccountRecoveryConfig.fromEnv(env),
        notificationSeal(env));
  }

  /**
   * No-setup mode: an administrator named "admin" (unless configured) is created with a generated
   * password printed once, when no password is configured.
   */
  public LoginConfig withGeneratedAdminPassword(boolean generate) {
    String username = bootstrapAdmin.username() == null && generate
        ? DEFAULT_ADMIN_USERNAME
        : bootstrapAdmin.username();
    BootstrapAdmin admin = new BootstrapAdmin(
        username, bootstrapAdmin.password(), bootstrapAdmin.email(), generate);
    return new LoginConfig(hashing, tokens, publishing, postgresPoolSize, redisPool, healthProbeTimeout,
        keyEncryptionKey, admin, secondFactor, recovery, notificationSeal);
  }

  private static NotificationSeal notificationSeal(Map<String, String> env) {
    String key = env.get(NotificationSeal.KEY_VARIABLE);
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException(NotificationSeal.KEY_VARIABLE
          + " is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
    }
    return NotificationSeal.fromBase64(key);
  }

  /** The 32-byte key that seals signing keys; never printed. */
  public static final class KeyEncryptionKey {
    private static final int LENGTH = 32;
    private final byte[] bytes;

    public KeyEncryptionKey(byte[] bytes) {
      if (bytes == null || bytes.length != LENGTH) {
        throw new IllegalArgumentException("KEY_ENCRYPTION_KEY must be base64 of exactly 32 bytes");
      }
      this.bytes = bytes.clone();
    }

    static KeyEncryptionKey fromBase64(String encoded) {
      if (encoded == null || encoded.isBlank()) {
        throw new IllegalArgumentException(
            "KEY_ENCRYPTION_KEY is required: base64 of 32 random bytes (e.g. `openssl rand -base64 32`)");
      }
      try {
        return new KeyEncryptionKey(Base64.getDecoder().decode(encoded.trim()));
      } catch (IllegalArgumentException e) {
        // the message of the decoder could echo part of the secret
        throw new IllegalArgumentException("KEY_ENCRYPTION_KEY must be base64 of exactly 32 bytes");
      }
    }

    byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public String toString() {
      return "KeyEncryptionKey[***]";
    }
  }
}
