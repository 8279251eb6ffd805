package org.socialdesk.host.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Plain JDBC with the boilerplate taken out: parameters bound by position ({@link Instant} as a
 * timestamp), rows mapped by a lambda, and transactions that commit or roll back as a whole.
 */
public final class Sql {

  private final DataSource dataSource;

  public Sql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  public int update(String sql, Object... parameters) {
    return inTransaction(tx -> tx.update(sql, parameters));
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters) {
    return inTransaction(tx -> tx.query(sql, mapper, parameters));
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
    return query(sql, mapper, parameters).stream().findFirst();
  }

  public <T> T inTransaction(Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(new Tx(connection));
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StorageException(e);
    }
  }

  /** One transaction's statements. */
  public static final class Tx {
    private final Connection connection;

    Tx(Connection connection) {
      this.connection = connection;
    }

    public int update(String sql, Object... parameters) throws SQLException {
      try (PreparedStatement statement = prepare(sql, parameters)) {
        return statement.executeUpdate();
      }
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... parameters)
        throws SQLException {
      try (PreparedStatement statement = prepare(sql, parameters);
          ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
      PreparedStatement statement = connection.prepareStatement(sql);
      for (int i = 0; i < parameters.length; i++) {
        Object value =
            parameters[i] instanceof Instant instant ? Timestamp.from(instant) : parameters[i];
        statement.setObject(i + 1, value);
      }
      return statement;
    }
  }

  public static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A database failure; {@link #isUniqueViolation()} tells a duplicate from an outage. */
  public static final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
      super(cause.getMessage(), cause);
    }

    public boolean isUniqueViolation() {
      return getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
  }
}
