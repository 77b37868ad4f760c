package dev.portal.login.audit;

import dev.portal.login.consumer.SourcedEvent;
import dev.portal.login.contracts.SecurityEvent;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Writes a batch of events to {@code audit.audit_event}, each chained to the row before it in its
 * Kafka partition. Four round trips whatever the batch size: make sure the months have partitions,
 * find which events are stored already (a replay is left out of the chain), read the hash each
 * partition's chain continues from, then insert the new rows in one statement.
 */
final class PostgresAuditWriter implements AuditWriter {
  /** SQLSTATE: no partition of the table holds the row (its month was dropped under us). */
  static final String NO_PARTITION_FOR_ROW = "23514";

  private final Pool pool;
  private final AuditPartitions partitions;

  PostgresAuditWriter(Pool pool, AuditPartitions partitions) {
    this.pool = pool;
    this.partitions = partitions;
  }

  /** A Kafka partition: the unit of one chain. */
  record ChainKey(String topic, int partition) {
  }

  @Override
  public Future<Integer> write(List<SourcedEvent<SecurityEvent>> events) {
    List<SourcedEvent<SecurityEvent>> unique = withoutRepeats(events);
    if (unique.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Set<java.time.YearMonth> months = unique.stream()
        .map(sourced -> AuditPartitions.monthOf(sourced.event().occurredAt())).collect(Collectors.toSet());
    return partitions.ensure(months)
        .compose(ready -> storedIds(unique))
        .map(stored -> unique.stream().filter(sourced -> !stored.contains(sourced.event().eventId())).toList())
        .compose(this::chainAndInsert)
        .recover(this::forgetPartitionsIfMissing);
  }

  private Future<Integer> chainAndInsert(List<SourcedEvent<SecurityEvent>> fresh) {
    if (fresh.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Map<ChainKey, List<SourcedEvent<SecurityEvent>>> chains = byChain(fresh);
    return lastHashes(chains).compose(previous -> insert(link(chains, previous)));
  }

  /** The same event twice in one batch (a producer retry) is written once, at its first position. */
  static List<SourcedEvent<SecurityEvent>> withoutRepeats(List<SourcedEvent<SecurityEvent>> events) {
    Set<UUID> seen = new HashSet<>();
    return events.stream().filter(sourced -> seen.add(sourced.event().eventId())).toList();
  }

  /** Events grouped by Kafka partition, each group in offset order. */
  static Map<ChainKey, List<SourcedEvent<SecurityEvent>>> byChain(List<SourcedEvent<SecurityEvent>> events) {
    Map<ChainKey, List<SourcedEvent<SecurityEvent>>> chains = new LinkedHashMap<>();
    for (SourcedEvent<SecurityEvent> sourced : events) {
      chains.computeIfAbsent(new ChainKey(sourced.topic(), sourced.partition()), key -> new ArrayList<>())
          .add(sourced);
    }
    chains.values().forEach(chain -> chain.sort(java.util.Comparator.comparingLong(SourcedEvent::offset)));
    return chains;
  }

  /** Insert parameters of every event, its hash chained from the previous one of its partition. */
  static List<Tuple> link(Map<ChainKey, List<SourcedEvent<SecurityEvent>>> chains, Map<ChainKey, byte[]> previous) {
    List<Tuple> rows = new ArrayList<>();
    chains.forEach((key, chain) -> {
      byte[] prev = previous.getOrDefault(key, AuditChain.GENESIS);
      for (SourcedEvent<SecurityEvent> sourced : chain) {
        byte[] hash = AuditChain.link(prev, sourced.event(), sourced.topic(), sourced.partition(), sourced.offset());
        rows.add(AuditRows.insertParams(sourced, prev, hash));
        prev = hash;
      }
    });
    return rows;
  }

  private Future<Set<UUID>> storedIds(List<SourcedEvent<SecurityEvent>> events) {
    UUID[] ids = events.stream().map(sourced -> sourced.event().eventId()).toArray(UUID[]::new);
    return pool.preparedQuery(AuditSql.EXISTING_EVENT_IDS).execute(Tuple.of(ids))
        .map(rows -> {
          Set<UUID> stored = new HashSet<>();
          rows.forEach(row -> stored.add(row.getUUID("event_id")));
          return stored;
        });
  }

  private Future<Map<ChainKey, byte[]>> lastHashes(Map<ChainKey, List<SourcedEvent<SecurityEvent>>> chains) {
    List<ChainKey> keys = new ArrayList<>(chains.keySet());
    Tuple params = Tuple.tuple()
        .addArrayOfString(keys.stream().map(ChainKey::topic).toArray(String[]::new))
        .addArrayOfInteger(keys.stream().map(ChainKey::partition).toArray(Integer[]::new))
        .addArrayOfLong(keys.stream().map(key -> chains.get(key).get(0).offset()).toArray(Long[]::new));
    return pool.preparedQuery(AuditSql.LAST_HASHES).execute(params)
        .map(rows -> {
          Map<ChainKey, byte[]> previous = new HashMap<>();
          for (Row row : rows) {
            io.vertx.core.buffer.Buffer hash = row.getBuffer("hash");
            if (hash != null) {
              previous.put(new ChainKey(row.getString("topic"), row.getInteger("part")), hash.getBytes());
            }
          }
          return previous;
        });
  }

  private Future<Integer> insert(List<Tuple> rows) {
    return pool.preparedQuery(AuditSql.INSERT_EVENTS).execute(AuditRows.columns(rows)).map(RowSet::rowCount);
  }

  private Future<Integer> forgetPartitionsIfMissing(Throwable failure) {
    if (failure instanceof PgException pg && NO_PARTITION_FOR_ROW.equals(pg.getSqlState())) {
      partitions.forgetKnownMonths();
    }
    return Future.failedFuture(failure);
  }

}
