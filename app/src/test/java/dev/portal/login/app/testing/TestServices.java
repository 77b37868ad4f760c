package dev.portal.login.app.testing;

import dev.portal.login.app.EmbeddedKafka;
import dev.portal.login.app.EmbeddedPostgres;
import dev.portal.login.app.EmbeddedRedis;
import dev.portal.login.app.EmbeddedServices;
import dev.portal.login.app.TempFiles;
import dev.portal.login.contracts.RedisKeys;
import dev.portal.login.contracts.ServiceEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The real Kafka, PostgreSQL and Redis every integration test in this JVM shares, started once:
 * endpoints from the environment if given, else Testcontainers if a Docker engine answers, else
 * the embedded services on free ports in a temporary directory removed when the JVM exits.
 */
public final class TestServices {
  private static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  private static final String POSTGRES_IMAGE = "postgres:16-alpine";
  private static final String REDIS_IMAGE = "redis:7.2-alpine";
  private static final int REDIS_PORT = 6379;
  /** Tables in these schemas are emptied between tests; Flyway's history stays. */
  private static final List<String> OWNED_SCHEMAS = List.of("identity", "audit");

  private static TestServices instance;

  private final ServiceEndpoints endpoints;
  private final String origin;

  private TestServices(ServiceEndpoints endpoints, String origin) {
    this.endpoints = endpoints;
    this.origin = origin;
  }

  public static synchronized TestServices get() {
    if (instance == null) {
      instance = choose(System.getenv());
      System.out.println("[TestServices] using " + instance.origin);
    }
    return instance;
  }

  public ServiceEndpoints endpoints() {
    return endpoints;
  }

  /** Where the services came from and why, as printed at start. */
  public String origin() {
    return origin;
  }

  private static TestServices choose(Map<String, String> env) {
    if (env.containsKey("TEST_KAFKA_BOOTSTRAP_SERVERS") && env.containsKey("TEST_PG_HOST")
        && env.containsKey("TEST_REDIS_URL")) {
      return fromEnvironment(env);
    }
    if (dockerAvailable()) {
      return fromContainers();
    }
    return embedded();
  }

  private static TestServices fromEnvironment(Map<String, String> env) {
    ServiceEndpoints endpoints = new ServiceEndpoints(
        new ServiceEndpoints.Kafka(env.get("TEST_KAFKA_BOOTSTRAP_SERVERS")),
        new ServiceEndpoints.Postgres(env.get("TEST_PG_HOST"),
            Integer.parseInt(env.getOrDefault("TEST_PG_PORT", "5432")),
            env.getOrDefault("TEST_PG_DATABASE", "postgres"),
            env.getOrDefault("TEST_PG_USER", "postgres"),
            env.getOrDefault("TEST_PG_PASSWORD", "")),
        new ServiceEndpoints.Redis(env.get("TEST_REDIS_URL")));
    return new TestServices(endpoints, "services from the environment (TEST_KAFKA_BOOTSTRAP_SERVERS, TEST_PG_*, "
        + "TEST_REDIS_URL are set): " + endpoints);
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  @SuppressWarnings("resource") // containers live as long as the JVM; Testcontainers' reaper removes them
  private static TestServices fromContainers() {
    KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
    PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(POSTGRES_IMAGE);
    GenericContainer<?> redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(REDIS_PORT);
    List.of(kafka, postgres, redis).parallelStream().forEach(GenericContainer::start);
    ServiceEndpoints endpoints = new ServiceEndpoints(
        new ServiceEndpoints.Kafka(kafka.getBootstrapServers()),
        new ServiceEndpoints.Postgres(postgres.getHost(), postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
            postgres.getDatabaseName(), postgres.getUsername(), postgres.getPassword()),
        new ServiceEndpoints.Redis("redis://" + redis.getHost() + ":" + redis.getMappedPort(REDIS_PORT)));
    return new TestServices(endpoints, "Testcontainers (no TEST_* endpoints set; a Docker engine answered)");
  }

  private static TestServices embedded() {
    try {
      Path dataDir = Files.createTempDirectory("test-services-");
      EmbeddedKafka kafka = new EmbeddedKafka(dataDir, FreePorts.next(), FreePorts.next());
      EmbeddedPostgres postgres = new EmbeddedPostgres(dataDir, FreePorts.next());
      EmbeddedRedis redis = new EmbeddedRedis(dataDir, FreePorts.next());
      EmbeddedServices services = EmbeddedServices.start(List.of(kafka, postgres, redis), System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        services.close();
        TempFiles.deleteRecursively(dataDir);
      }, "test-services-stop"));
      ServiceEndpoints endpoints = new ServiceEndpoints(
          new ServiceEndpoints.Kafka(kafka.bootstrapServers()),
          new ServiceEndpoints.Postgres(EmbeddedPostgres.HOST, postgres.port(), EmbeddedPostgres.DATABASE,
              EmbeddedPostgres.USER, ""),
          new ServiceEndpoints.Redis(redis.connectionString()));
      return new TestServices(endpoints, "embedded services in " + dataDir
          + " (no TEST_* endpoints set; no Docker engine answered)");
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the embedded test services", e);
    }
  }

  /**
   * Empties every table of the owning schemas (if they exist yet) and flushes Redis, marking the lock
   * view as built: Kafka still holds earlier test classes' events, and a lockout consumer that found no
   * marker would replay them into this test's Redis (their failures from 127.0.0.1 would throttle it).
   * A test of the rebuild itself flushes Redis on its own.
   */
  public Future<Void> reset(Vertx vertx) {
    return truncateOwnedTables(vertx).compose(ignored -> flushRedis(vertx));
  }

  /** {@link #reset} from a test's setup thread: on a Vert.x of its own, waited for (at most a minute). */
  public void resetNow() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      reset(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } finally {
      vertx.close();
    }
  }

  private Future<Void> truncateOwnedTables(Vertx vertx) {
    Pool pool = pool(vertx);
    return pool.query("SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname IN ('"
            + String.join("','", OWNED_SCHEMAS) + "') AND tablename NOT LIKE 'flyway%'")
        .execute()
        .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getString(0)).toList())
        .compose(tables -> tables.isEmpty()
            ? Future.<Void>succeededFuture()
            : pool.query("TRUNCATE " + String.join(", ", tables) + " CASCADE").execute().<Void>mapEmpty())
        .eventually(pool::close);
  }

  private Future<Void> flushRedis(Vertx vertx) {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(endpoints.redis().connectionString()));
    RedisAPI redis = RedisAPI.api(client);
    return redis.flushall(List.of())
        .compose(flushed -> redis.set(List.of(RedisKeys.lockoutBuilt(), "reset by the tests")))
        .<Void>mapEmpty().eventually(() -> {
      client.close();
      return Future.succeededFuture();
    });
  }

  /** A small pool on the shared PostgreSQL; the caller closes it. */
  public Pool pool(Vertx vertx) {
    ServiceEndpoints.Postgres pg = endpoints.postgres();
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2))
        .connectingTo(new PgConnectOptions().setHost(pg.host()).setPort(pg.port()).setDatabase(pg.database())
            .setUser(pg.user()).setPassword(pg.password()))
        .using(vertx)
        .build();
  }
}
