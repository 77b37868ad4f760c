package dev.portal.login.audit;

import dev.portal.login.contracts.SecurityEvent;

/** A security event together with the Kafka position it was read from, kept in its audit row. */
record SourcedEvent(SecurityEvent event, String topic, int partition, long offset) {
}
