package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portal.login.gateway.AuditStreamPosition.Partition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Audit stream positions")
class AuditStreamPositionTest {
  private static final Partition LOGIN_0 = new Partition("auth.login-events", 0);
  private static final Partition LOGIN_1 = new Partition("auth.login-events", 1);
  private static final Partition ACCOUNT_0 = new Partition("auth.account-events", 0);

  @Test
  @DisplayName("a position is written as the version, then each topic with its partitions' offsets, in order, and read back")
  void roundTrip() {
    AuditStreamPosition position = AuditStreamPosition.of(Map.of(LOGIN_1, 77L, ACCOUNT_0, 5L, LOGIN_0, 124L));
    String id = position.encode();
    assertEquals("v2;auth.account-events:0=5;auth.login-events:0=124,1=77", id);
    assertEquals(position, AuditStreamPosition.parse(id));
    assertEquals("v2", AuditStreamPosition.empty().encode());
    assertEquals(AuditStreamPosition.empty(), AuditStreamPosition.parse("v2"));
  }

  @Test
  @DisplayName("a position only moves forward; a partition it never had starts at offset 0")
  void onlyForward() {
    AuditStreamPosition position = AuditStreamPosition.parse("v2;auth.login-events:0=10");
    position.advance(LOGIN_0, 4);
    assertEquals(10, position.next(LOGIN_0));
    position.advance(LOGIN_0, 11);
    assertEquals(11, position.next(LOGIN_0));
    assertEquals(0, position.next(LOGIN_1));
    position.advance(LOGIN_1, 0);
    assertEquals("v2;auth.login-events:0=11,1=0", position.encode(), "a partition given is named, even at 0");
  }

  @Test
  @DisplayName("anything else is refused: the earlier event-id form, another version, bad or repeated topics and partitions, numbers out of range, too many partitions")
  void refusesForeignText() {
    String tooMany = "v2;t:" + IntStream.range(0, AuditStreamPosition.MAX_PARTITIONS + 1)
        .mapToObj(n -> n + "=0").collect(Collectors.joining(","));
    List<String> foreign = List.of("0190f1a2-3b4c-7d5e-8f60-000000000001", "", "v1;t:0=1", "V2;t:0=1", "v2;",
        "v2;t", "v2;t:", "v2;t:0=1,", "v2;t:0=1;t:1=2", "v2;t:0=1,0=2", "v2;bad topic:0=1", "v2;t:-1=0",
        "v2;t:0=-1", "v2;t:2147483648=0", "v2;t:0=9223372036854775808", "v2;t:0=1 ", "v2;t:0=1\nid: x", tooMany,
        "v2;" + "t".repeat(250) + ":0=1");
    for (String text : foreign) {
      assertThrows(IllegalArgumentException.class, () -> AuditStreamPosition.parse(text), text);
    }
  }
}
