package dev.portal.login.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portal.login.app.Role;
import dev.portal.login.app.testing.ApiClient;
import dev.portal.login.app.testing.Eventually;
import dev.portal.login.app.testing.RunningApp;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A process deployed with consumer roles only is still probed and scraped, on its management port. */
class ManagementPortTest {

  @Test
  @DisplayName("a consumer-only process serves readiness of its consumers and their metrics on the management port, and nothing else")
  void consumerOnlyProcessIsScrapable() throws Exception {
    try (RunningApp app = RunningApp.start(EnumSet.of(Role.LOCKOUT_CONSUMER, Role.AUDIT_CONSUMER), Map.of())) {
      assertEquals(-1, app.application().httpPort(), "no gateway without the api role");
      ApiClient management = new ApiClient("http://127.0.0.1:" + app.application().managementPort());

      // ready once both consumers have joined their groups
      ApiClient.Answer ready = Eventually.await("readiness of both consumers", () -> management.get("/health/ready"),
          answer -> answer.status() == 200);
      JsonObject checks = ready.json().getJsonObject("checks");
      assertEquals(java.util.Set.of("audit-consumer", "lockout-consumer"), checks.fieldNames(), checks.encode());

      // the lag gauge appears once the group has assigned the partitions
      ApiClient.Answer metrics = Eventually.await("the consumers' lag in the scrape", () -> management.get("/metrics"),
          scrape -> scrape.status() == 200 && scrape.text().contains("kafka_consumer_lag_records{"));
      assertTrue(metrics.text().contains("jvm_memory_used_bytes"), "and the process's JVM");
      assertFalse(metrics.text().contains("auth_login_attempts_total"), "no api meters in a consumer process");

      assertEquals(404, management.postJson("/api/v1/auth/login", new JsonObject()).status());
    }
  }
}
