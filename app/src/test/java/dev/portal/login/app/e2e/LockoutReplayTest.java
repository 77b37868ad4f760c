package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portal.login.app.AppConfig;
import dev.portal.login.app.Application;
import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.ApiClient.Answer;
import dev.portal.login.app.testing.Database;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import dev.portal.login.app.testing.TestServices;
import dev.portal.login.contracts.EventIds;
import dev.portal.login.contracts.EventTypes;
import dev.portal.login.contracts.Outcomes;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The lockout consumer's effect is exactly once: killed mid-stream and restarted, run twice over the
 * same events, or rebuilt after Redis lost everything, it reaches the same lock state and announces
 * each lock once. Events go straight to Kafka here, so the counts do not depend on the login path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutReplayTest {
  private static final String ADMIN = "replay-admin";
  private static final String ADMIN_PASSWORD = "an administrator's long passphrase";
  private static final Map<String, String> CONSUMER_ENV = Map.of("LOCKOUT_FAILURE_FACTOR", "25",
      "LOCKOUT_MAX_POLL_RECORDS", "5");

  private RunningApp api;
  private ApiClient client;
  private Vertx vertx;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    TestServices.get().reset(vertx).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    api = RunningApp.start(EnumSet.of(Role.API, Role.AUDIT_CONSUMER),
        Map.of("BOOTSTRAP_ADMIN_USERNAME", ADMIN, "BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
    client = new ApiClient(api.baseUrl());
  }

  @AfterAll
  void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  @DisplayName("a consumer killed mid-stream and restarted, and a second pass over the same events, count every failure exactly once")
  void killedAndReplayedCountsExactly() throws Exception {
    String accountId = register("replayed");
    List<SecurityEvent> failures = failures(accountId, 40, "203.0.113.77");
    List<SecurityEvent> withDuplicates = new ArrayList<>(failures);
    withDuplicates.addAll(failures.subList(0, 10));
    produce(withDuplicates);

    RunningApp first = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER), CONSUMER_ENV);
    try {
      JsonObject atKill = awaitState(accountId,
          state -> state.getInteger("failuresInWindow") > 0 || state.getInteger("locksIn24h") > 0);
      System.out.println("[LockoutReplayTest] consumer stopped after seeing " + atKill.encode());
    } finally {
      first.close();
    }
    try (RunningApp restarted = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER), CONSUMER_ENV)) {
      JsonObject state = awaitState(accountId,
          found -> found.getInteger("locksIn24h") == 1 && found.getInteger("failuresInWindow") == 15);
      Eventually.await("the lock in the audit trail", () -> lockEvents(accountId), count -> count >= 1);

      String replayGroup = "lockout-replay-" + UUID.randomUUID();
      Map<String, String> replayEnv = new HashMap<>(CONSUMER_ENV);
      replayEnv.put("LOCKOUT_GROUP_ID", replayGroup);
      try (RunningApp replay = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER), replayEnv)) {
        Eventually.await("the second group through every login event", () -> caughtUp(replayGroup), done -> done);
      }
      assertEquals(state, state(accountId), "the second pass changed nothing");
      assertEquals(1, lockEvents(accountId), "one lock, announced once");
    }
  }

  @Test
  @DisplayName("after Redis loses its data the lock state is rebuilt from Kafka: by the lockout-rebuild command and on consumer start")
  void rebuiltAfterRedisFlush() throws Exception {
    String accountId = register("rebuilt");
    produce(failures(accountId, 30, "203.0.113.78"));
    JsonObject before;
    try (RunningApp consumer = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER), CONSUMER_ENV)) {
      before = awaitState(accountId, state -> state.getInteger("locksIn24h") == 1
          && state.getInteger("failuresInWindow") == 5);
    }
    flushRedis();
    assertEquals(0, state(accountId).getInteger("locksIn24h"), "Redis forgot the lock");

    Map<String, String> env = new HashMap<>(CONSUMER_ENV);
    env.putAll(endpointsEnv());
    long replayed = Application.rebuildLockout(AppConfig.fromEnv(env), Duration.ofMinutes(2));
    System.out.println("[LockoutReplayTest] lockout-rebuild replayed " + replayed + " events");
    assertEquals(before, state(accountId), "the command rebuilt the same state");

    flushRedis();
    try (RunningApp consumer = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER), CONSUMER_ENV)) {
      assertEquals(before, state(accountId), "the consumer rebuilt the same state before it started consuming");
    }
    Eventually.await("the lock in the audit trail", () -> lockEvents(accountId), count -> count >= 1);
    assertEquals(1, lockEvents(accountId), "a rebuild announces nothing again");
  }

  private static List<SecurityEvent> failures(String accountId, int count, String ip) {
    List<SecurityEvent> events = new ArrayList<>();
    Instant start = Instant.now();
    for (int i = 0; i < count; i++) {
      events.add(new SecurityEvent(EventIds.next(), EventTypes.LOGIN_FAILED, SecurityEvent.SCHEMA_VERSION,
          start.plusMillis(i), UUID.fromString(accountId), accountId, "username", ip, "replay-test", null,
          Outcomes.FAILURE, Outcomes.REASON_BAD_CREDENTIALS, null));
    }
    return events;
  }

  private static void produce(List<SecurityEvent> events) throws Exception {
    Map<String, Object> config = Map.of(
        "bootstrap.servers", TestServices.get().endpoints().kafka().bootstrapServers(),
        "acks", "all",
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      for (SecurityEvent event : events) {
        producer.send(new ProducerRecord<>(Topics.LOGIN_EVENTS, event.subjectKey(), event.toJson().encode()))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** True once {@code group} has committed the end offset of every login-events partition. */
  private static boolean caughtUp(String group) {
    try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers",
        TestServices.get().endpoints().kafka().bootstrapServers()))) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.LOGIN_EVENTS)).allTopicNames()
          .get(30, TimeUnit.SECONDS).get(Topics.LOGIN_EVENTS).partitions().stream()
          .map(info -> new TopicPartition(Topics.LOGIN_EVENTS, info.partition())).collect(Collectors.toSet());
      Map<TopicPartition, OffsetSpec> latest = partitions.stream()
          .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
      var ends = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
      return partitions.stream().allMatch(partition -> ends.get(partition).offset() == 0
          || (committed.get(partition) != null && committed.get(partition).offset() >= ends.get(partition).offset()));
    } catch (Exception e) {
      throw new AssertionError("reading consumer group offsets failed: " + e, e);
    }
  }

  private long lockEvents(String accountId) {
    return Database.count("SELECT count(*) FROM audit.audit_event WHERE account_id = ? AND type = 'account.locked'",
        UUID.fromString(accountId));
  }

  private String register(String prefix) {
    String name = prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    Answer answer = client.postJson("/api/v1/accounts", new JsonObject().put("username", name)
        .put("email", name + "@example.id").put("password", "a long enough password 1"));
    assertEquals(201, answer.status(), answer.toString());
    return answer.json().getString("id");
  }

  private JsonObject state(String accountId) {
    Answer answer = client.get("/api/v1/admin/accounts/" + accountId + "/lockout",
        client.accessToken(ADMIN, ADMIN_PASSWORD));
    assertEquals(200, answer.status(), answer.toString());
    return answer.json();
  }

  private JsonObject awaitState(String accountId, java.util.function.Predicate<JsonObject> done) {
    return Eventually.await("lock state of " + accountId, () -> state(accountId), done);
  }

  private void flushRedis() throws Exception {
    Redis redis = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(TestServices.get().endpoints().redis().connectionString()));
    try {
      RedisAPI.api(redis).flushall(List.of()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      redis.close();
    }
  }

  private static Map<String, String> endpointsEnv() {
    ServiceEndpoints endpoints = TestServices.get().endpoints();
    return Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", endpoints.kafka().bootstrapServers(),
        "PG_HOST", endpoints.postgres().host(),
        "PG_PORT", String.valueOf(endpoints.postgres().port()),
        "PG_DATABASE", endpoints.postgres().database(),
        "PG_USER", endpoints.postgres().user(),
        "PG_PASSWORD", endpoints.postgres().password(),
        "REDIS_URL", endpoints.redis().connectionString());
  }
}
