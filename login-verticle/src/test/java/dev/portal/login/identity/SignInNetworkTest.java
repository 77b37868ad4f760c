package dev.portal.login.identity;

import dev.portal.login.contracts.UserAgentSummary;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignInNetworkTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
  private static final Duration MEMORY = Duration.ofDays(90);

  @Test
  @DisplayName("IPv4 sign-ins are grouped by /24: two addresses of one home network are one network")
  void groupsIpv4By24() {
    assertEquals("203.0.113.0/24", SignInNetwork.of("203.0.113.9"));
    assertEquals(SignInNetwork.of("203.0.113.9"), SignInNetwork.of("203.0.113.250"));
    assertEquals("203.0.114.0/24", SignInNetwork.of("203.0.114.9"));
  }

  @Test
  @DisplayName("IPv6 sign-ins are grouped by /48, however the address is written")
  void groupsIpv6By48() {
    assertEquals("2001:db8:1::/48", SignInNetwork.of("2001:db8:1:2::5"));
    assertEquals(SignInNetwork.of("2001:db8:1:ffff::1"), SignInNetwork.of("2001:0DB8:0001:0000::9"));
    assertEquals("2001:db8:2::/48", SignInNetwork.of("2001:db8:2::1"));
  }

  @Test
  @DisplayName("no network is derived from a missing address or a host name (and nothing is resolved)")
  void ignoresNonLiterals() {
    assertNull(SignInNetwork.of(null));
    assertNull(SignInNetwork.of(""));
    assertNull(SignInNetwork.of("portal.example.id"));
    assertNull(SignInNetwork.of("300.1.1.1"));
  }

  @Test
  @DisplayName("a sign-in is new only when the device is unknown and the network unseen for 90 days")
  void decidesWhatIsNew() {
    assertTrue(NewSignInAlerts.isNew(false, null, NOW, MEMORY));
    assertTrue(NewSignInAlerts.isNew(false, NOW.minus(Duration.ofDays(91)), NOW, MEMORY));
    assertFalse(NewSignInAlerts.isNew(false, NOW.minus(Duration.ofDays(89)), NOW, MEMORY));
    assertFalse(NewSignInAlerts.isNew(true, null, NOW, MEMORY));
  }

  @Test
  @DisplayName("the device in an alert is a short browser and system summary, never the raw header")
  void describesDevices() {
    assertEquals("Firefox on Windows", UserAgentSummary.of(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0"));
    assertEquals("Chrome on Android", UserAgentSummary.of(
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 "
            + "Mobile Safari/537.36"));
    assertEquals("curl", UserAgentSummary.of("curl/8.5.0"));
    assertEquals(UserAgentSummary.UNKNOWN, UserAgentSummary.of("something odd"));
  }
}
