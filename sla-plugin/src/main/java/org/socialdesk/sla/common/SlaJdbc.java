package org.socialdesk.sla.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The little JDBC the plugin needs: a transaction around a block, and instants stored as {@code
 * timestamp with time zone} in UTC. Works on H2 2.x and PostgreSQL.
 */
public final class SlaJdbc {

  /** SQLSTATE of a unique-constraint violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  public SlaJdbc(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Work inside one transaction. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SLA database work failed: " + e.getMessage(), e);
    }
  }

  /** One statement in a transaction of its own. */
  public void updateAlone(String sql, Object... values) {
    inTransaction(connection -> update(connection, sql, values));
  }

  /** One statement in the caller's transaction; returns the rows it changed. */
  public static int update(Connection connection, String sql, Object... values)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      return bind(update, values).executeUpdate();
    }
  }

  /** An error kept in a row: its first 1,000 characters. */
  public static String truncate(String text) {
    return text.length() <= 1000 ? text : text.substring(0, 1000);
  }

  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  public static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, value.atOffset(ZoneOffset.UTC));
    }
  }

  public static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  public static Integer integer(ResultSet rows, String column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  static void setInteger(PreparedStatement statement, int index, Integer value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value);
    }
  }

  /** Binds {@code values} to {@code statement} from index 1: instants as UTC timestamps. */
  public static PreparedStatement bind(PreparedStatement statement, Object... values)
      throws SQLException {
    for (int i = 0; i < values.length; i++) {
      Object value = values[i];
      if (value instanceof Instant instant) {
        setInstant(statement, i + 1, instant);
      } else if (value == null) {
        // Untyped: PostgreSQL takes the column's type. A VARCHAR null is refused by a timestamp
        // column (the tick's alert insert without a webhook failed on PostgreSQL that way).
        statement.setNull(i + 1, Types.NULL);
      } else {
        statement.setObject(i + 1, value);
      }
    }
    return statement;
  }
}
