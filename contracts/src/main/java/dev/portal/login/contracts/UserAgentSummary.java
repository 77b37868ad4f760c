package dev.portal.login.contracts;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A readable device name from a User-Agent header, for a person checking their own activity:
 * "Chrome on Android", "Firefox on Windows", "curl". Knows the common browsers, systems and
 * command-line clients; anything else is "Unknown device" rather than the raw header.
 */
public final class UserAgentSummary {
  public static final String UNKNOWN = "Unknown device";

  /** Order matters: Edge and Opera also say Chrome, Chrome also says Safari. */
  private static final List<Map.Entry<String, String>> BROWSERS = List.of(
      Map.entry("edg/", "Edge"), Map.entry("edga/", "Edge"), Map.entry("edgios/", "Edge"),
      Map.entry("opr/", "Opera"), Map.entry("opera", "Opera"),
      Map.entry("samsungbrowser/", "Samsung Internet"),
      Map.entry("fxios/", "Firefox"), Map.entry("firefox/", "Firefox"),
      Map.entry("crios/", "Chrome"), Map.entry("chrome/", "Chrome"), Map.entry("chromium/", "Chromium"),
      Map.entry("version/", "Safari"));
  private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
      Map.entry("android", "Android"), Map.entry("iphone", "iOS"), Map.entry("ipad", "iPadOS"),
      Map.entry("windows", "Windows"), Map.entry("cros", "ChromeOS"), Map.entry("mac os x", "macOS"),
      Map.entry("macintosh", "macOS"), Map.entry("linux", "Linux"));
  private static final List<Map.Entry<String, String>> CLIENTS = List.of(
      Map.entry("curl/", "curl"), Map.entry("wget/", "Wget"), Map.entry("python-requests/", "Python"),
      Map.entry("python-urllib/", "Python"), Map.entry("okhttp/", "OkHttp"), Map.entry("java-http-client/", "Java"),
      Map.entry("java/", "Java"), Map.entry("postmanruntime/", "Postman"), Map.entry("go-http-client/", "Go"));

  private UserAgentSummary() {
  }

  public static String of(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return UNKNOWN;
    }
    String ua = userAgent.toLowerCase(Locale.ROOT);
    String client = firstMatch(CLIENTS, ua, true);
    if (client != null) {
      return client;
    }
    String browser = ua.contains("mozilla/") ? firstMatch(BROWSERS, ua, false) : null;
    String system = firstMatch(SYSTEMS, ua, false);
    if (browser != null && system != null) {
      return browser + " on " + system;
    }
    if (browser != null) {
      return browser;
    }
    return system != null ? "Browser on " + system : UNKNOWN;
  }

  private static String firstMatch(List<Map.Entry<String, String>> known, String ua, boolean atStart) {
    for (Map.Entry<String, String> entry : known) {
      if (atStart ? ua.startsWith(entry.getKey()) : ua.contains(entry.getKey())) {
        return entry.getValue();
      }
    }
    return null;
  }
}
