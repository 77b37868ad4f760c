package dev.portal.login.audit;

import dev.portal.login.consumer.RecordVerdict;
import dev.portal.login.contracts.Addresses;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.ServiceEndpoints;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the live audit stream of one api process: a single Kafka consumer, in no group, reads every
 * partition of the login and account topics from their end and publishes each event on the local
 * event-bus address {@code Addresses.AUDIT_LIVE}, where each SSE client of the gateway listens.
 * However many clients watch, Kafka sees one consumer per process. Nothing is committed: a restarted
 * stream starts at the end again, and reconnecting clients catch up from the audit table.
 */
public final class AuditStreamVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AuditStreamVerticle.class);
  private static final List<String> TOPICS = List.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS);

  private final ServiceEndpoints endpoints;
  private KafkaConsumer<byte[], byte[]> consumer;

  public AuditStreamVerticle(ServiceEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  /** Settings of a group-less reader: it assigns itself partitions and never commits. */
  static Map<String, String> consumerProperties(String bootstrapServers) {
    return Map.of(
        "bootstrap.servers", bootstrapServers,
        "enable.auto.commit", "false",
        "auto.offset.reset", "latest",
        "key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer",
        "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
  }

  /**
   * The message published for each event: the item as searches return it, plus the subject key
   * (which live filters on an identifier need, and which the gateway never sends to a client).
   */
  static JsonObject liveMessage(SecurityEvent event) {
    return new JsonObject().put("item", AuditRows.toItem(event)).put("subjectKey", event.subjectKey());
  }

  @Override
  public Future<?> start() {
    consumer = KafkaConsumer.create(vertx, consumerProperties(endpoints.kafka().bootstrapServers()));
    consumer.handler(this::publish)
        .exceptionHandler(failure -> LOG.warn("Live audit stream reader failed: {}", failure.toString()));
    return allPartitions()
        .compose(partitions -> consumer.assign(partitions).map(partitions))
        .compose(this::resolveEndPositions)
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
  // could be skipped, and a client connecting right after start would miss them.
  private Future<Set<TopicPartition>> resolveEndPositions(Set<TopicPartition> partitions) {
    return Future.all(partitions.stream().map(consumer::position).toList()).map(partitions);
  }

  private void publish(KafkaConsumerRecord<byte[], byte[]> record) {
    if (AuditRecordReader.read(record.value()) instanceof RecordVerdict.Accepted<SecurityEvent> accepted) {
      vertx.eventBus().publish(Addresses.AUDIT_LIVE, liveMessage(accepted.value()),
          new DeliveryOptions().setLocalOnly(true));
    }
    // an unreadable record is the audit writer's to dead-letter; the stream just skips it
  }

  @Override
  public Future<?> stop() {
    return consumer == null ? Future.succeededFuture() : consumer.close();
  }
}
