package dev.portal.login.lockout;

import dev.portal.login.contracts.SecurityEvent;
import dev.portal.login.contracts.Topics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sends account.locked / account.unlocked to the account topic (keyed like the login events) and, for
 * a lock of a real account, the lock notification; completes once Kafka acknowledged them all.
 */
final class KafkaAnnouncer implements LockoutEffect.Announcer {
  private final KafkaProducer<String, String> producer;
  private final Duration timeout;

  KafkaAnnouncer(Vertx vertx, String bootstrapServers, Duration timeout) {
    this.producer = KafkaProducer.create(vertx, Map.of(
        "bootstrap.servers", bootstrapServers,
        "acks", "all",
        "enable.idempotence", "true",
        "max.block.ms", Long.toString(timeout.toMillis()),
        "key.serializer", "org.apache.kafka.common.serialization.StringSerializer",
        "value.serializer", "org.apache.kafka.common.serialization.StringSerializer"));
    this.timeout = timeout;
  }

  @Override
  public Future<Void> announce(SecurityEvent announcement, boolean notifyOwner) {
    List<Future<?>> sends = new ArrayList<>();
    sends.add(producer.send(KafkaProducerRecord.create(announcement.topic(), announcement.subjectKey(),
        announcement.toJson().encode())));
    if (notifyOwner) {
      sends.add(producer.send(KafkaProducerRecord.create(Topics.NOTIFICATIONS, announcement.accountId().toString(),
          LockAnnouncements.lockNotification(announcement).encode())));
    }
    return Future.all(sends).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).mapEmpty();
  }

  Future<Void> close() {
    return producer.flush().eventually(producer::close);
  }
}
