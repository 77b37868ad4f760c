package dev.portal.login.app.testing;

import dev.portal.login.contracts.ServiceEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct reads of the shared PostgreSQL, so tests can check what was (or was not) written. */
public final class Database {
  private Database() {
  }

  public static long count(String sql, Object... params) {
    ServiceEndpoints.Postgres pg = TestServices.get().endpoints().postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** The first column of the first row as text (null when there is no row or the value is null). */
  public static String text(String sql, Object... params) {
    ServiceEndpoints.Postgres pg = TestServices.get().endpoints().postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError("query failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Every audit row of one account, each as its JSON text, one per line ("" when there is none). */
  public static String auditRowsOf(String accountId) {
    String rows = text("SELECT string_agg(row_to_json(e)::text, E'\\n' ORDER BY e.event_id) FROM audit.audit_event e "
        + "WHERE e.account_id = ?::uuid", accountId);
    return rows == null ? "" : rows;
  }

  /** Runs one statement (an update, an insert, DDL); returns the rows it changed. */
  public static int execute(String sql, Object... params) {
    ServiceEndpoints.Postgres pg = TestServices.get().endpoints().postgres();
    try (Connection connection = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError("statement failed: " + sql + ": " + e.getMessage(), e);
    }
  }

  /** Rows in a table, or 0 while the table does not exist yet. */
  public static long rows(String table) {
    long exists = count("SELECT count(*) FROM information_schema.tables WHERE table_schema || '.' || table_name = ?", table);
    return exists == 0 ? 0 : count("SELECT count(*) FROM " + table);
  }
}
