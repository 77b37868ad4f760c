package dev.portal.login.contracts;

/**
 * Where the shared services are. Built once at start-up by the launcher (from the environment,
 * or from the embedded services it started) and handed to every role.
 */
public record ServiceEndpoints(Kafka kafka, Postgres postgres, Redis redis) {

  public record Kafka(String bootstrapServers) {
  }

  public record Postgres(String host, int port, String database, String user, String password) {
    public String jdbcUrl() {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Shown in logs and banners: never the password. */
    @Override
    public String toString() {
      return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }
  }

  /** @param connectionString a redis:// URI, which may carry a password */
  public record Redis(String connectionString) {
    @Override
    public String toString() {
      return connectionString.replaceAll("//[^@/]*@", "//***@");
    }
  }
}
