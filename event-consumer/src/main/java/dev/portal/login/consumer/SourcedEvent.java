package dev.portal.login.consumer;

/** What was read from one Kafka record, together with the position it was read from. */
public record SourcedEvent<T>(T event, String topic, int partition, long offset) {
}
