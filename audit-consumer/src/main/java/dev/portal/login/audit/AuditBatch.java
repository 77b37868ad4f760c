package dev.portal.login.audit;

import io.vertx.kafka.client.common.TopicPartition;
import io.vertx.kafka.client.consumer.OffsetAndMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One poll's worth of records, sorted into events to write and records to dead-letter, with the
 * offsets to commit once both are done. Remembers which steps succeeded so a retry repeats only
 * the step that failed.
 */
final class AuditBatch {
  private final List<SourcedEvent> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
  private boolean written;
  private boolean deadLettered;

  static AuditBatch of(Iterable<ConsumerRecord<byte[], byte[]>> records) {
    AuditBatch batch = new AuditBatch();
    records.forEach(batch::add);
    return batch;
  }

  private void add(ConsumerRecord<byte[], byte[]> record) {
    AuditRecordReader.Verdict verdict = AuditRecordReader.read(record.value());
    if (verdict instanceof AuditRecordReader.Accepted accepted) {
      events.add(new SourcedEvent(accepted.event(), record.topic(), record.partition(), record.offset()));
    } else if (verdict instanceof AuditRecordReader.Rejected rejected) {
      deadLetters.add(new DeadLetter(record.key(), record.value(), rejected.reason(),
          DeadLetter.sourceOf(record.topic(), record.partition(), record.offset())));
    }
    // the committed offset names the next record to read, hence + 1
    offsetsToCommit.merge(new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1, null),
        (known, candidate) -> candidate.getOffset() > known.getOffset() ? candidate : known);
  }

  List<SourcedEvent> events() {
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

  boolean written() {
    return written;
  }

  void markWritten() {
    written = true;
  }

  boolean deadLettered() {
    return deadLettered;
  }

  void markDeadLettered() {
    deadLettered = true;
  }
}
