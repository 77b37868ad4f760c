package dev.portal.login.identity;

import dev.portal.login.contracts.Notification;
import dev.portal.login.contracts.Problem;
import dev.portal.login.contracts.ProblemException;
import dev.portal.login.contracts.ProblemType;
import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes security events to Kafka and waits for the broker's acknowledgement (acks=all,
 * idempotent), within a bound: an unreachable broker gives a fast 503, never a hang, so no login
 * is granted or refused without its record.
 */
final class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  static final long RETRY_AFTER_SECONDS = 5;

  private final KafkaProducer<String, String> producer;
  private final LoginConfig.Publishing settings;
  private final MeterRegistry registry;

  private EventPublisher(KafkaProducer<String, String> producer, LoginConfig.Publishing settings,
      MeterRegistry registry) {
    this.producer = producer;
    this.settings = settings;
    this.registry = registry;
  }

  static EventPublisher create(Vertx vertx, String bootstrapServers, LoginConfig.Publishing settings,
      MeterRegistry registry) {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, producerConfig(bootstrapServers, settings));
    // each send's own future carries its failure; this only keeps the stream from logging it again
    producer.exceptionHandler(failure -> log.debug("Kafka producer reported: {}", failure.toString()));
    return new EventPublisher(producer, settings, registry);
  }

  static Map<String, String> producerConfig(String bootstrapServers, LoginConfig.Publishing settings) {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("linger.ms", Long.toString(settings.linger().toMillis()));
    config.put("request.timeout.ms", Long.toString(settings.timeout().toMillis()));
    config.put("delivery.timeout.ms", Long.toString(settings.deliveryTimeout().toMillis()));
    config.put("max.block.ms", Long.toString(settings.timeout().toMillis()));
    return config;
  }

  /**
   * @return succeeds once Kafka acknowledged the event; fails with problem {@code unavailable}
   */
  Future<Void> publish(SecurityEvent event) {
    KafkaProducerRecord<String, String> record =
        KafkaProducerRecord.create(event.topic(), event.subjectKey(), event.toJson().encode());
    return producer.send(record)
        .timeout(settings.backstop().toMillis(), TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .onSuccess(v -> count(event.topic(), "ok"))
        .recover(failure -> {
          count(event.topic(), "error");
          log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, event.requestId())
              .log("Request {}: event {} of type {} not acknowledged by Kafka: {}", event.requestId(), event.eventId(),
                  event.type(), failure.toString());
          return Future.failedFuture(new ProblemException(
              Problem.of(ProblemType.UNAVAILABLE, "The service cannot record this request right now.")
                  .withRetryAfter(RETRY_AFTER_SECONDS)));
        });
  }

  /**
   * Sends a message for the notification consumer, keyed by account so one person's messages stay in
   * order. The caller sealed its secrets ({@link OutgoingNotifications}).
   *
   * @return succeeds once Kafka acknowledged it; fails with problem {@code unavailable}
   */
  Future<Void> publish(Notification message) {
    String key = message.accountId() == null ? message.messageId().toString() : message.accountId().toString();
    KafkaProducerRecord<String, String> record =
        KafkaProducerRecord.create(Topics.NOTIFICATIONS, key, message.toJson().encode());
    return producer.send(record)
        .timeout(settings.backstop().toMillis(), TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .onSuccess(v -> count(Topics.NOTIFICATIONS, "ok"))
        .recover(failure -> {
          count(Topics.NOTIFICATIONS, "error");
          log.warn("Notification {} ({}) not acknowledged by Kafka: {}", message.messageId(), message.template(),
              failure.toString());
          return Future.failedFuture(new ProblemException(
              Problem.of(ProblemType.UNAVAILABLE, "The service cannot send messages right now.")
                  .withRetryAfter(RETRY_AFTER_SECONDS)));
        });
  }

  Future<Void> close() {
    return producer.flush().eventually(producer::close);
  }

  private void count(String topic, String result) {
    Counter.builder("auth.events.published").description("Security events sent to Kafka, by topic and result")
        .tag("topic", topic).tag("result", result).register(registry).increment();
  }
}
