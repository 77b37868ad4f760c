package dev.portal.login.notification;

import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One poll's worth of records, sorted into messages to deliver and records to dead-letter, with the
 * offsets to commit once both are done. Remembers which steps succeeded so a retry repeats only
 * the step that failed.
 */
final class NotificationBatch {
  private final List<JsonObject> messages = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
  private boolean handled;
  private boolean deadLettered;

  static NotificationBatch of(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    NotificationBatch batch = new NotificationBatch();
    records.forEach(batch::add);
    return batch;
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    NotificationRecordReader.Verdict verdict = NotificationRecordReader.read(record.value());
    if (verdict instanceof NotificationRecordReader.Accepted accepted) {
      messages.add(accepted.message());
    } else if (verdict instanceof NotificationRecordReader.Rejected rejected) {
      deadLetters.add(new DeadLetter(record.key(), record.value(), rejected.reason(),
          DeadLetter.sourceOf(record.topic(), record.partition(), record.offset())));
    }
    // the committed offset names the next record to read, hence + 1
    offsetsToCommit.merge(new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1, null),
        (known, candidate) -> candidate.getOffset() > known.getOffset() ? candidate : known);
  }

  List<JsonObject> messages() {
    return messages;
  }

  List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
    return offsetsToCommit;
  }

  int size() {
    return messages.size() + deadLetters.size();
  }

  boolean handled() {
    return handled;
  }

  void markHandled() {
    handled = true;
  }

  boolean deadLettered() {
    return deadLettered;
  }

  void markDeadLettered() {
    deadLettered = true;
  }
}
