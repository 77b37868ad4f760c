package dev.portal.login.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, 2001:db8:100::/48");

  @Test
  @DisplayName("X-Forwarded-For from a peer outside the list is ignored: the peer is the client")
  void untrustedPeerIgnored() {
    assertEquals("203.0.113.5", proxies.clientAddress("203.0.113.5", List.of("198.51.100.1")));
    assertEquals("203.0.113.5", TrustedProxies.NONE.clientAddress("203.0.113.5", List.of("198.51.100.1")));
  }

  @Test
  @DisplayName("behind trusted proxies the right-most address that is not a proxy is the client, forged entries to its left do not count")
  void rightMostUntrusted() {
    assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", List.of("198.51.100.1")));
    assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", List.of("6.6.6.6, 198.51.100.1, 192.168.1.7")));
    assertEquals("198.51.100.1", proxies.clientAddress("10.1.2.3", List.of("6.6.6.6", "198.51.100.1, 10.9.9.9")));
    assertEquals("2001:db8:1::9", proxies.clientAddress("2001:db8:100::1", List.of("2001:db8:1::9")));
  }

  @Test
  @DisplayName("a malformed entry ends what is believed, and a chain of proxies only yields its left-most")
  void malformedAndAllTrusted() {
    assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", List.of("198.51.100.1, not-an-ip")));
    assertEquals("192.168.1.7", proxies.clientAddress("10.1.2.3", List.of("192.168.1.7")));
    assertEquals("10.1.2.3", proxies.clientAddress("10.1.2.3", List.of()));
  }

  @Test
  @DisplayName("ranges match by prefix, IPv4 and IPv6 apart; a bad entry fails naming TRUSTED_PROXIES")
  void parsing() {
    assertTrue(proxies.trusts("10.255.0.1"));
    assertFalse(proxies.trusts("11.0.0.1"));
    assertTrue(proxies.trusts("192.168.1.7"));
    assertFalse(proxies.trusts("192.168.1.8"));
    assertTrue(proxies.trusts("2001:db8:100:ffff::1"));
    assertFalse(proxies.trusts("2001:db8:101::1"));
    assertFalse(proxies.trusts("proxy.example.com"));
    assertTrue(TrustedProxies.parse("  ").ranges().isEmpty());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("10.0.0.0/33"))
        .getMessage().contains("TRUSTED_PROXIES"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("lb.internal"))
        .getMessage().contains("TRUSTED_PROXIES"));
  }
}
