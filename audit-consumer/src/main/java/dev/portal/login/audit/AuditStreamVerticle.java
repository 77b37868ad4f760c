package dev.portal.login.audit;

import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live audit stream of one api process: a single Kafka consumer, in no group, reads every
 * partition of the login and account topics from their end and publishes each readable event, with
 * its topic, partition and offset, on the local event-bus address {@code Addresses.AUDIT_LIVE}, where
 * each SSE client of the gateway listens. However many clients watch, Kafka sees one consumer per
 * process. A reconnecting client is caught up from the audit table by Kafka offsets, so the reader
 * also answers where it is ({@code AUDIT_LIVE_POSITIONS}) and how far the audit writers have got
 * ({@code AUDIT_WRITTEN_POSITIONS}: their group's committed offsets, which they commit only after the
 * write). Nothing is committed here: a restarted reader starts at the end again.
 */
public final class AuditStreamVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamVerticle.class);
  private static final List<String> TOPICS = List.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS);
  private static final Comparator<TopicPartition> IN_ORDER =
      Comparator.comparing(TopicPartition::getTopic).thenComparingInt(TopicPartition::getPartition);
  /** Seconds a client should wait before asking again when Kafka cannot say how far the writers are. */
  private static final long RETRY_AFTER_SECONDS = 5;

  private final AuditConfig config;
  private final ServiceEndpoints endpoints;
  /** Per partition, the offset after the last record handled; read and written on this verticle's context only. */
  private final Map<TopicPartition, Long> next = new HashMap<>();
  private KafkaConsumer<byte[], byte[]> consumer;
  private KafkaAdminClient admin;
  /** How many live stream clients this process has (their sessions count themselves in). */
  private LocalMap<String, Integer> watchers;
  /** The writers' offsets being asked for: clients asking meanwhile share the one request. */
  private Future<JsonObject> writtenAsked;

  /** @param config whose consumer group is the audit writers' (AUDIT_GROUP_ID), whose progress clients wait for */
  public AuditStreamVerticle(AuditConfig config, ServiceEndpoints endpoints) {
    this.config = config;
    this.endpoints = endpoints;
  }

  /** Settings of a group-less reader: it assigns itself partitions and never commits. */
  static Map<String, String> consumerProperties(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "enable.auto.commit", "false",
        "auto.offset.reset", "latest",
        // a fetch may wait 100 ms for more: a person watching does not see it, the broker answers fewer fetches
        "fetch.min.bytes", "16384",
        "fetch.max.wait.ms", "100",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
  }

  /**
   * The message published for each event: the item as searches return it, the subject key (which
   * live filters on an identifier need, and which the gateway never sends to a client), and where in
   * Kafka it was read (a client's position, and how a resume tells what it already has).
   */
  static JsonObject liveMessage(SecurityEvent event, String topic, int partition, long offset) {
    return new JsonObject().put("item", AuditRows.toItem(event)).put("subjectKey", event.subjectKey())
        .put("topic", topic).put("partition", partition).put("offset", offset);
  }

  /** {positions: [{topic, partition, next}]}, in topic and partition order. */
  static JsonObject positionsJson(Map<TopicPartition, Long> positions) {
    JsonArray list = new JsonArray();
    positions.entrySet().stream().sorted(Map.Entry.comparingByKey(IN_ORDER)).forEach(entry -> list.add(
        new JsonObject().put("topic", entry.getKey().getTopic()).put("partition", entry.getKey().getPartition())
            .put("next", entry.getValue())));
    return new JsonObject().put("positions", list);
  }

  @Override
  public Future<?> start() {
    watchers = vertx.sharedData().getLocalMap(Addresses.AUDIT_LIVE_WATCHERS);
    consumer = KafkaConsumer.create(vertx, consumerProperties(endpoints.kafka().bootstrapServers()));
    admin = KafkaAdminClient.create(vertx, Map.of("bootstrap.servers", endpoints.kafka().bootstrapServers()));
    consumer.handler(this::publish)
        .exceptionHandler(failure -> LOG.warn("Live audit stream reader failed: {}", failure.toString()));
    return allPartitions()
        .compose(partitions -> consumer.assign(partitions).map(partitions))
        .compose(this::resolveEndPositions)
        .compose(partitions -> Future.all(
                vertx.eventBus().<JsonObject>localConsumer(Addresses.AUDIT_LIVE_POSITIONS,
                    request -> request.reply(positionsJson(next))).completion(),
                vertx.eventBus().<JsonObject>localConsumer(Addresses.AUDIT_WRITTEN_POSITIONS, this::writtenPositions)
                    .completion())
            .map(partitions))
        .onSuccess(partitions -> LOG.info("Live audit stream reading {} partitions of {} from their end",
            partitions.size(), TOPICS));
  }

  private Future<Set<TopicPartition>> allPartitions() {
    List<Future<Set<TopicPartition>>> perTopic = TOPICS.stream()
        .map(topic -> consumer.partitionsFor(topic).map(infos -> {
          Set<TopicPartition> partitions = new HashSet<>();
          infos.forEach(info -> partitions.add(new TopicPartition(topic, info.getPartition())));
          return partitions;
        }))
        .toList();
    return Future.all(perTopic).map(all -> {
      Set<TopicPartition> partitions = new HashSet<>();
      perTopic.forEach(topic -> partitions.addAll(topic.result()));
      return partitions;
    });
  }

  // Asking the position fixes "the end" now: without it, events between start and the first fetch
  // could be skipped, and a client connecting right after start would miss them. A record may already
  // have been handled when the answer comes, so the further of the two stands.
  private Future<Set<TopicPartition>> resolveEndPositions(Set<TopicPartition> partitions) {
    return Future.all(partitions.stream()
            .map(partition -> consumer.position(partition).onSuccess(end -> next.merge(partition, end, Math::max)))
            .toList())
        .map(partitions);
  }

  private void publish(KafkaConsumerRecord<byte[], byte[]> record) {
    next.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
    // nobody watching: the position is all that is needed (reading and publishing cost as much as writing)
    if (watchers.getOrDefault(Addresses.AUDIT_LIVE_CLIENTS, 0) > 0
        && AuditRecordReader.read(record.value()) instanceof RecordVerdict.Accepted<SecurityEvent> accepted) {
      vertx.eventBus().publish(Addresses.AUDIT_LIVE,
          liveMessage(accepted.value(), record.topic(), record.partition(), record.offset()),
          new DeliveryOptions().setLocalOnly(true));
    }
    // an unreadable record is the audit writer's to dead-letter; the stream just skips it
  }

  private void writtenPositions(Message<JsonObject> request) {
    if (writtenAsked == null) {
      Future<JsonObject> asked = admin.listConsumerGroupOffsets(config.consumer().groupId()).map(this::writtenJson);
      writtenAsked = asked;
      asked.onComplete(done -> writtenAsked = null);
    }
    writtenAsked.onSuccess(request::reply).onFailure(failure -> {
      LOG.warn("Reading the audit writers' offsets (group {}) failed: {}", config.consumer().groupId(),
          failure.toString());
      ProblemException.failMessage(request, Problem.of(ProblemType.UNAVAILABLE,
          "How far the audit trail is written cannot be read right now.").withRetryAfter(RETRY_AFTER_SECONDS));
    });
  }

  private JsonObject writtenJson(Map<TopicPartition, OffsetAndMetadata> committed) {
    Map<TopicPartition, Long> written = new HashMap<>();
    committed.forEach((partition, offset) -> {
      if (offset != null && TOPICS.contains(partition.getTopic())) {
        written.put(partition, offset.getOffset());
      }
    });
    return positionsJson(written);
  }

  @Override
  public Future<?> stop() {
    Future<Void> consumerClosed = consumer == null ? Future.succeededFuture() : consumer.close();
    return consumerClosed.eventually(() -> admin == null ? Future.succeededFuture() : admin.close());
  }
}
