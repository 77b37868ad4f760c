package dev.portal.login.consumer;

/** What became of one record: read into a value, or rejected for a short, stable reason that quotes none of it. */
public sealed interface RecordVerdict<T> permits RecordVerdict.Accepted, RecordVerdict.Rejected {

  record Accepted<T>(T value) implements RecordVerdict<T> {
  }

  record Rejected<T>(String reason) implements RecordVerdict<T> {
  }

  static <T> RecordVerdict<T> accepted(T value) {
    return new Accepted<>(value);
  }

  static <T> RecordVerdict<T> rejected(String reason) {
    return new Rejected<>(reason);
  }
}
