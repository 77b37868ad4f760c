package dev.portal.login.gateway;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a live-stream client is: for each Kafka partition of the audit topics, the offset of the
 * first record it has not been given; every event below it that matches the client's filters was
 * sent. Kafka offsets, unlike event ids, are in arrival order within a partition, so a resume from
 * here misses nothing that arrived late. Travels as the SSE id, opaque to clients and versioned:
 * {@code v2;auth.account-events:0=5,1=0;auth.login-events:0=124,1=77}.
 */
final class AuditStreamPosition {
  static final String VERSION = "v2";
  /** Bounds what a Last-Event-ID header may make the gateway parse and hold. */
  static final int MAX_LENGTH = 16_384;
  static final int MAX_PARTITIONS = 1024;
  /** Kafka's own rule for topic names. */
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");
  private static final Pattern ENTRY = Pattern.compile("(\\d{1,10})=(\\d{1,19})");

  /** One partition of one topic. */
  record Partition(String topic, int number) implements Comparable<Partition> {
    @Override
    public int compareTo(Partition other) {
      int byTopic = topic.compareTo(other.topic);
      return byTopic != 0 ? byTopic : Integer.compare(number, other.number);
    }
  }

  private final TreeMap<Partition, Long> next;

  private AuditStreamPosition(TreeMap<Partition, Long> next) {
    this.next = next;
  }

  /** A position naming no partition yet. */
  static AuditStreamPosition empty() {
    return new AuditStreamPosition(new TreeMap<>());
  }

  /** @param next offset per partition */
  static AuditStreamPosition of(Map<Partition, Long> next) {
    return new AuditStreamPosition(new TreeMap<>(next));
  }

  /**
   * Reads an id this stream sent.
   *
   * @throws IllegalArgumentException when the text is not one (an id of the earlier, event-id form included)
   */
  static AuditStreamPosition parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("no position, or too long");
    }
    String[] groups = text.split(";", -1);
    if (!VERSION.equals(groups[0])) {
      throw new IllegalArgumentException("not a " + VERSION + " position");
    }
    TreeMap<Partition, Long> next = new TreeMap<>();
    Set<String> topics = new HashSet<>();
    for (int i = 1; i < groups.length; i++) {
      int colon = groups[i].indexOf(':');
      String topic = colon < 0 ? "" : groups[i].substring(0, colon);
      if (!TOPIC.matcher(topic).matches() || !topics.add(topic)) {
        throw new IllegalArgumentException("bad or repeated topic");
      }
      for (String entry : groups[i].substring(colon + 1).split(",", -1)) {
        Matcher match = ENTRY.matcher(entry);
        if (!match.matches()) {
          throw new IllegalArgumentException("bad partition entry");
        }
        // both parse within their digit bounds or throw NumberFormatException, an IllegalArgumentException
        Partition partition = new Partition(topic, Integer.parseInt(match.group(1)));
        if (next.put(partition, Long.parseLong(match.group(2))) != null || next.size() > MAX_PARTITIONS) {
          throw new IllegalArgumentException("repeated partition, or too many");
        }
      }
    }
    return new AuditStreamPosition(next);
  }

  /** The first offset of the partition the client has not been given; 0 for a partition it never had. */
  long next(Partition partition) {
    return next.getOrDefault(partition, 0L);
  }

  /** Moves the partition's position up to {@code offset}; never back. */
  void advance(Partition partition, long offset) {
    Long known = next.get(partition);
    if (known == null || offset > known) {
      next.put(partition, offset);
    }
  }

  Set<Partition> partitions() {
    return next.keySet();
  }

  AuditStreamPosition copy() {
    return new AuditStreamPosition(new TreeMap<>(next));
  }

  /** The SSE id: the version, then each topic with its partitions' offsets, topics and partitions in order. */
  String encode() {
    StringBuilder text = new StringBuilder(VERSION);
    String topic = null;
    for (Map.Entry<Partition, Long> entry : next.entrySet()) {
      boolean newTopic = !entry.getKey().topic().equals(topic);
      topic = entry.getKey().topic();
      text.append(newTopic ? ";" + topic + ":" : ",").append(entry.getKey().number()).append('=')
          .append(entry.getValue());
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuditStreamPosition position && next.equals(position.next);
  }

  @Override
  public int hashCode() {
    return next.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}
