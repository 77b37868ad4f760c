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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes security events to Kafka and waits for the broker's acknowledgement (acks=all,
 * idempotent), within a bound: an unreachable broker gives a fast 503, never a hang, so no login
 * is granted or refused without its record. Once a publish has failed for want of a broker, the
 * {@link BrokerOutageGate} refuses the next ones at once for a cool-down (result {@code refused})
 * while one probe at a time finds out whether Kafka is back, so logins do not each wait out the
 * publish timeout during an outage.
 */
final class EventPublisher {
  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  static final long RETRY_AFTER_SECONDS = 5;
  /** Every topic this publisher writes and every result it counts, registered at zero at start. */
  static final List<String> TOPICS = List.of(Topics.LOGIN_EVENTS, Topics.ACCOUNT_EVENTS, Topics.NOTIFICATIONS);
  static final List<String> RESULTS = List.of("ok", "error", "refused");

  private final KafkaProducer<String, String> producer;
  private final LoginConfig.Publishing settings;
  private final MeterRegistry registry;
  private final BrokerOutageGate gate;

  private EventPublisher(KafkaProducer<String, String> producer, LoginConfig.Publishing settings,
      BrokerOutageGate gate, MeterRegistry registry) {
    this.producer = producer;
    this.settings = settings;
    this.registry = registry;
    this.gate = gate;
    TOPICS.forEach(topic -> RESULTS.forEach(result -> counter(topic, result)));
  }

  /**
   * @param gate the process's: an outage is the broker's, so every instance of the process refuses at once
   *     and reopens on the first acknowledgement any of them gets
   */
  static EventPublisher create(Vertx vertx, String bootstrapServers, LoginConfig.Publishing settings,
      BrokerOutageGate gate, MeterRegistry registry) {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, producerConfig(bootstrapServers, settings));
    // each send's own future carries its failure; this only keeps the stream from logging it again
    producer.exceptionHandler(failure -> log.debug("Kafka producer reported: {}", failure.toString()));
    return new EventPublisher(producer, settings, gate, registry);
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
    return send(record, event.requestId(), "The service cannot record this request right now.",
        failure -> log.atWarn().addKeyValue(FailureProblems.REQUEST_ID, event.requestId())
            .log("Request {}: event {} of type {} not acknowledged by Kafka: {}", event.requestId(), event.eventId(),
                event.type(), failure.toString()));
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
    return send(record, null, "The service cannot send messages right now.",
        failure -> log.warn("Notification {} ({}) not acknowledged by Kafka: {}", message.messageId(),
            message.template(), failure.toString()));
  }

  /**
   * Fails at once with 503 unavailable (counted as refused on {@code topic}) while Kafka was unreachable
   * moments ago, so the caller spends nothing (a password hash, a lookup) on a request whose event could
   * not be recorded. Once the cool-down is over it lets the caller go on: its publish is then the probe.
   */
  Future<Void> refuseIfUnreachable(String topic) {
    if (!gate.refusing()) {
      return Future.succeededFuture();
    }
    count(topic, "refused");
    return Future.failedFuture(unavailable("The service cannot record this request right now."));
  }

  private Future<Void> send(KafkaProducerRecord<String, String> record, String requestId, String detail,
      Consumer<Throwable> logFailure) {
    String topic = record.topic();
    BrokerOutageGate.Admission admission = gate.admit();
    if (admission == BrokerOutageGate.Admission.REFUSE) {
      count(topic, "refused");
      log.atDebug().addKeyValue(FailureProblems.REQUEST_ID, requestId)
          .log("Request {}: not publishing to {}: Kafka was unreachable moments ago", requestId, topic);
      return Future.failedFuture(unavailable(detail));
    }
    return producer.send(record)
        .timeout(settings.backstop().toMillis(), TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .onSuccess(v -> {
          count(topic, "ok");
          if (gate.acknowledged(admission)) {
            log.info("Kafka acknowledges events again: publishing resumed");
          }
        })
        .recover(failure -> {
          count(topic, "error");
          logFailure.accept(failure);
          if (gate.failed(admission, failure)) {
            log.warn("Kafka is unreachable: publishes are refused at once for {} ms, then one probe at a time "
                + "checks whether it is back", settings.outageCoolDown().toMillis());
          }
          return Future.failedFuture(unavailable(detail));
        });
  }

  private static ProblemException unavailable(String detail) {
    return new ProblemException(Problem.of(ProblemType.UNAVAILABLE, detail).withRetryAfter(RETRY_AFTER_SECONDS));
  }

  Future<Void> close() {
    return producer.flush().eventually(producer::close);
  }

  /** result: ok (acknowledged), error (failed or timed out), refused (not sent: Kafka unreachable moments ago). */
  private void count(String topic, String result) {
    counter(topic, result).increment();
  }

  private Counter counter(String topic, String result) {
    return Counter.builder("auth.events.published").description("Security events sent to Kafka, by topic and result")
        .tag("topic", topic).tag("result", result).register(registry);
  }
}
