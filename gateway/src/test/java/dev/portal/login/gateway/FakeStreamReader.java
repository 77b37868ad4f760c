package dev.portal.login.gateway;

import dev.portal.login.contracts.Addresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The audit role's side of the live stream as a test sets it, for one topic: where the process's
 * reader is, how far the writers have written (a list of answers, the last repeated), the table the
 * catch-up reads, and the live feed. Records what the gateway asked.
 */
final class FakeStreamReader {
  static final String TOPIC = "auth.login-events";

  final AtomicInteger positionAsks = new AtomicInteger();
  final AtomicInteger writtenAsks = new AtomicInteger();
  final List<JsonObject> catchUpRequests = new CopyOnWriteArrayList<>();
  /** How many writer-position asks had been answered when the first catch-up page was asked for; -1 before. */
  volatile int writtenAsksBeforeCatchUp = -1;

  private final Vertx vertx;
  private final String subjectKey;
  private final Map<Integer, NavigableMap<Long, JsonObject>> table = new ConcurrentHashMap<>();
  private volatile Map<Integer, Long> reader = Map.of(0, 0L);
  private volatile List<Map<Integer, Long>> writtenAnswers = List.of(Map.of());
  private volatile Runnable onFirstWrittenAsk = () -> { };

  private FakeStreamReader(Vertx vertx, String subjectKey) {
    this.vertx = vertx;
    this.subjectKey = subjectKey;
  }

  /** Answers the reader's three addresses on {@code vertx}; live events carry {@code subjectKey}. */
  static FakeStreamReader register(Vertx vertx, String subjectKey) {
    FakeStreamReader fake = new FakeStreamReader(vertx, subjectKey);
    vertx.eventBus().<JsonObject>localConsumer(Addresses.AUDIT_LIVE_POSITIONS, message -> {
      fake.positionAsks.incrementAndGet();
      message.reply(positionsJson(fake.reader));
    });
    vertx.eventBus().<JsonObject>localConsumer(Addresses.AUDIT_WRITTEN_POSITIONS, message -> {
      int ask = fake.writtenAsks.getAndIncrement();
      if (ask == 0) {
        fake.onFirstWrittenAsk.run();
      }
      List<Map<Integer, Long>> answers = fake.writtenAnswers;
      message.reply(positionsJson(answers.get(Math.min(ask, answers.size() - 1))));
    });
    vertx.eventBus().<JsonObject>localConsumer(Addresses.AUDIT_STREAM_CATCHUP, message -> {
      if (fake.catchUpRequests.isEmpty()) {
        fake.writtenAsksBeforeCatchUp = fake.writtenAsks.get();
      }
      fake.catchUpRequests.add(message.body());
      message.reply(fake.page(message.body()));
    });
    return fake;
  }

  FakeStreamReader readerAt(Map<Integer, Long> next) {
    reader = Map.copyOf(next);
    return this;
  }

  /** The writers' committed offsets, answered in turn; the last answer stays. */
  @SafeVarargs
  final FakeStreamReader writersAt(Map<Integer, Long>... answers) {
    writtenAnswers = List.of(answers);
    return this;
  }

  FakeStreamReader onFirstWrittenAsk(Runnable action) {
    onFirstWrittenAsk = action;
    return this;
  }

  FakeStreamReader stored(int partition, long offset, JsonObject item) {
    table.computeIfAbsent(partition, ignored -> new ConcurrentSkipListMap<>()).put(offset, item);
    return this;
  }

  /** An event as the reader publishes it. */
  void publish(int partition, long offset, JsonObject item) {
    vertx.eventBus().publish(Addresses.AUDIT_LIVE, new JsonObject().put("item", item).put("subjectKey", subjectKey)
        .put("topic", TOPIC).put("partition", partition).put("offset", offset), new DeliveryOptions().setLocalOnly(true));
  }

  /** The SSE id of a client at these offsets of {@link #TOPIC}. */
  static String position(Map<Integer, Long> next) {
    return AuditStreamPosition.VERSION + ";" + TOPIC + ":" + new TreeMap<>(next).entrySet().stream()
        .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(","));
  }

  private JsonObject page(JsonObject request) {
    NavigableMap<Long, JsonObject> rows = table.getOrDefault(request.getInteger("partition"), new TreeMap<>())
        .subMap(request.getLong("fromOffset"), true, request.getLong("untilOffset"), false);
    JsonArray events = new JsonArray();
    Long next = null;
    for (Map.Entry<Long, JsonObject> row : rows.entrySet()) {
      if (events.size() == request.getInteger("limit")) {
        next = row.getKey();
        break;
      }
      events.add(new JsonObject().put("offset", row.getKey()).put("item", row.getValue()));
    }
    return new JsonObject().put("events", events).put("next", next);
  }

  private static JsonObject positionsJson(Map<Integer, Long> next) {
    JsonArray positions = new JsonArray();
    new TreeMap<>(next).forEach((partition, offset) -> positions.add(new JsonObject().put("topic", TOPIC)
        .put("partition", partition).put("next", offset)));
    return new JsonObject().put("positions", positions);
  }
}
