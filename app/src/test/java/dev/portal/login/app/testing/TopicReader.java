package dev.portal.login.app.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic raw, from the beginning to its current end, as anyone with read access to the
 * cluster could: a fresh group that commits nothing, every partition, values as text.
 */
public final class TopicReader {
  private static final Duration POLL = Duration.ofMillis(200);

  private TopicReader() {
  }

  /** A record as read raw: its value as text and its headers (last value of each name). */
  public record RawRecord(String value, Map<String, String> headers) {
  }

  /** Every record value now in {@code topic}, in partition order. */
  public static List<String> values(String topic) {
    return records(topic).stream().map(RawRecord::value).toList();
  }

  /** Every record now in {@code topic}, with its headers, in partition order. */
  public static List<RawRecord> records(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.get().endpoints().kafka().bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "raw-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, ApiClient.HANG_LIMIT).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, ApiClient.HANG_LIMIT);
      List<RawRecord> records = new ArrayList<>();
      long deadline = System.nanoTime() + Eventually.LIMIT.toNanos();
      while (!reachedEnd(consumer, ends)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("gave up reading " + topic + " to its end " + ends);
        }
        for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
          Map<String, String> headers = new HashMap<>();
          record.headers().forEach(header -> headers.put(header.key(),
              header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8)));
          records.add(new RawRecord(record.value(), headers));
        }
      }
      return records;
    }
  }

  private static boolean reachedEnd(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }
}
