package dev.portal.login.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.testing.FreePorts;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@DisplayName("The embedded services")
class EmbeddedServicesTest {
  private static Path dataDir;
  private static EmbeddedKafka kafka;
  private static EmbeddedPostgres postgres;
  private static EmbeddedRedis redis;
  private static EmbeddedServices services;

  @BeforeAll
  static void startAll() throws Exception {
    dataDir = Files.createTempDirectory("embedded-services-test-");
    kafka = new EmbeddedKafka(dataDir, FreePorts.next(), FreePorts.next());
    postgres = new EmbeddedPostgres(dataDir, FreePorts.next());
    redis = new EmbeddedRedis(dataDir, FreePorts.next());
    services = EmbeddedServices.start(List.of(kafka, postgres, redis), System.out);
  }

  @AfterAll
  static void stopAll() {
    if (services != null) {
      services.close();
    }
    TempFiles.deleteRecursively(dataDir);
  }

  @Test
  @DisplayName("Kafka creates the application topics once and delivers a produced record to a consumer")
  void kafkaRoundTrip(Vertx vertx, VertxTestContext testContext) {
    TopicProvisioner provisioner = new TopicProvisioner(vertx, kafka.bootstrapServers(),
        new AppConfig.TopicSettings(3, (short) 1, Duration.ofSeconds(15)));
    String key = UUID.randomUUID().toString();
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "acks", "all"));
    KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer",
        "group.id", "round-trip-" + key,
        "auto.offset.reset", "earliest"));
    consumer.handler(record -> {
      if (key.equals(record.key())) {
        testContext.verify(() -> assertEquals("{\"hello\":\"kafka\"}", record.value()));
        producer.close().compose(ignored -> consumer.close()).onComplete(testContext.succeedingThenComplete());
      }
    });
    provisioner.provision()
        .compose(created -> provisioner.provision().map(again -> {
          testContext.verify(() -> {
            assertEquals(Set.copyOf(Topics.ALL), created, "the first call creates every topic");
            assertTrue(again.isEmpty(), "a second call finds them all and creates nothing");
          });
          return again;
        }))
        .compose(ignored -> consumer.subscribe(Topics.LOGIN_EVENTS))
        .compose(ignored -> producer.send(KafkaProducerRecord.create(Topics.LOGIN_EVENTS, key, "{\"hello\":\"kafka\"}")))
        .onFailure(testContext::failNow);
  }

  @Test
  @DisplayName("PostgreSQL answers a query as user postgres")
  void postgresQuery(Vertx vertx, VertxTestContext testContext) {
    Pool pool = pool(vertx, postgres);
    pool.query("SELECT current_user, 6 * 7").execute()
        .eventually(pool::close)
        .onComplete(testContext.succeeding(rows -> testContext.verify(() -> {
          assertEquals("postgres", rows.iterator().next().getString(0));
          assertEquals(42, rows.iterator().next().getInteger(1));
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("Redis answers PING with PONG")
  void redisPing(Vertx vertx, VertxTestContext testContext) {
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(redis.connectionString()));
    RedisAPI.api(client).ping(List.of())
        .eventually(() -> closeRedis(client))
        .onComplete(testContext.succeeding(reply -> testContext.verify(() -> {
          assertEquals("PONG", reply.toString());
          testContext.completeNow();
        })));
  }

  @Test
  @DisplayName("A restart on the same data directory keeps a PostgreSQL row and a Redis key")
  void restartKeepsData(Vertx vertx, VertxTestContext testContext) throws Exception {
    Path restartDir = Files.createTempDirectory("embedded-restart-test-");
    int pgPort = FreePorts.next();
    int redisPort = FreePorts.next();
    String value = UUID.randomUUID().toString();

    EmbeddedServices first = EmbeddedServices.start(
        List.of(new EmbeddedPostgres(restartDir, pgPort), new EmbeddedRedis(restartDir, redisPort)), System.out);
    Future<Void> written = writeRowAndKey(vertx, pgPort, redisPort, value);
    written.toCompletionStage().toCompletableFuture().get();
    first.close();

    EmbeddedServices second = EmbeddedServices.start(
        List.of(new EmbeddedPostgres(restartDir, pgPort), new EmbeddedRedis(restartDir, redisPort)), System.out);
    readRowAndKey(vertx, pgPort, redisPort)
        .eventually(() -> {
          second.close();
          TempFiles.deleteRecursively(restartDir);
          return Future.succeededFuture();
        })
        .onComplete(testContext.succeeding(found -> testContext.verify(() -> {
          assertEquals(List.of(value, value), found, "the row and the key both survive the restart");
          testContext.completeNow();
        })));
  }

  private static Future<Void> writeRowAndKey(Vertx vertx, int pgPort, int redisPort, String value) {
    Pool pool = pool(vertx, pgPort);
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + redisPort));
    return pool.query("CREATE TABLE kept (value text NOT NULL)").execute()
        .compose(ignored -> pool.preparedQuery("INSERT INTO kept (value) VALUES ($1)").execute(Tuple.of(value)))
        .compose(ignored -> RedisAPI.api(client).set(List.of("kept", value)))
        .<Void>mapEmpty()
        .eventually(() -> pool.close().eventually(() -> closeRedis(client)));
  }

  private static Future<List<String>> readRowAndKey(Vertx vertx, int pgPort, int redisPort) {
    Pool pool = pool(vertx, pgPort);
    Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString("redis://127.0.0.1:" + redisPort));
    return pool.query("SELECT value FROM kept").execute()
        .map(rows -> rows.iterator().next().getString(0))
        .compose(row -> RedisAPI.api(client).get("kept").map(key -> List.of(row, String.valueOf(key))))
        .eventually(() -> pool.close().eventually(() -> closeRedis(client)));
  }

  private static Future<Void> closeRedis(Redis client) {
    client.close();
    return Future.succeededFuture();
  }

  private static Pool pool(Vertx vertx, EmbeddedPostgres postgres) {
    return pool(vertx, postgres.port());
  }

  private static Pool pool(Vertx vertx, int port) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(1))
        .connectingTo(new PgConnectOptions().setHost(EmbeddedPostgres.HOST).setPort(port)
            .setDatabase(EmbeddedPostgres.DATABASE).setUser(EmbeddedPostgres.USER))
        .using(vertx)
        .build();
  }
}
