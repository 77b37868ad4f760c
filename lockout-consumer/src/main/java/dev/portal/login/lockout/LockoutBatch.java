package dev.portal.login.lockout;

import dev.portal.login.contracts.SecurityEvent;
import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One poll's worth of records, sorted into events to handle and records to dead-letter, with the
 * offsets to commit once both are done. Remembers which steps succeeded so a retry repeats only
 * the step that failed.
 */
final class LockoutBatch {
  private final List<SecurityEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
  private boolean handled;
  private boolean deadLettered;

  static LockoutBatch of(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    LockoutBatch batch = new LockoutBatch();
    records.forEach(batch::add);
    return batch;
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    LockoutRecordReader.Verdict verdict = LockoutRecordReader.read(record.value());
    if (verdict instanceof LockoutRecordReader.Accepted accepted) {
      events.add(accepted.event());
    } else if (verdict instanceof LockoutRecordReader.Rejected rejected) {
      deadLetters.add(new DeadLetter(record.key(), record.value(), rejected.reason(),
          DeadLetter.sourceOf(record.topic(), record.partition(), record.offset())));
    }
    // the committed offset names the next record to read, hence + 1
    offsetsToCommit.merge(new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1, null),
        (known, candidate) -> candidate.getOffset() > known.getOffset() ? candidate : known);
  }

  List<SecurityEvent> events() {
    return events;
  }

  List<DeadLetter> deadLetters() {
    return deadLetters;
  }

  Map<TopicPartition, OffsetAndMetadata> offsetsToCommit() {
    return offsetsToCommit;
  }

  int size() {
    return events.size() + deadLetters.size();
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
