package dev.portal.login.consumer;

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
final class ConsumerBatch<T> {
  private final List<SourcedEvent<T>> events = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsetsToCommit = new HashMap<>();
  private boolean effectApplied;
  private boolean deadLettered;

  static <T> ConsumerBatch<T> of(Iterable<ConsumerRecord<byte[], byte[]>> records, RecordReader<T> reader) {
    ConsumerBatch<T> batch = new ConsumerBatch<>();
    records.forEach(record -> batch.add(record, reader.read(record.value())));
    return batch;
  }

  private void add(ConsumerRecord<byte[], byte[]> record, RecordVerdict<T> verdict) {
    if (verdict instanceof RecordVerdict.Accepted<T> accepted) {
      events.add(new SourcedEvent<>(accepted.value(), record.topic(), record.partition(), record.offset()));
    } else if (verdict instanceof RecordVerdict.Rejected<T> rejected) {
      deadLetters.add(new DeadLetter(record.key(), record.value(), rejected.reason(),
          DeadLetter.sourceOf(record.topic(), record.partition(), record.offset())));
    }
    // the committed offset names the next record to read, hence + 1
    offsetsToCommit.merge(new TopicPartition(record.topic(), record.partition()),
        new OffsetAndMetadata(record.offset() + 1, null),
        (known, candidate) -> candidate.getOffset() > known.getOffset() ? candidate : known);
  }

  List<SourcedEvent<T>> events() {
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

  boolean effectApplied() {
    return effectApplied;
  }

  void markEffectApplied() {
    effectApplied = true;
  }

  boolean deadLettered() {
    return deadLettered;
  }

  void markDeadLettered() {
    deadLettered = true;
  }
}
