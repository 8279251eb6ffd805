package org.socialdesk.channel.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plain JDBC for the channels' stores: one statement per call, on a connection of its own (or of a
 * {@link Transaction}). Every call names its purpose; a failure comes back as a {@link
 * ChannelStorageException} carrying it. Parameters are bound in order: an {@link Instant} as a UTC
 * {@link OffsetDateTime} (the columns are {@code timestamp with time zone}), a {@link String} as a
 * string, anything else (null included) as an object.
 */
public final class ChannelJdbc {

  /** SQLSTATE of a unique-constraint violation, the same on H2 and PostgreSQL. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final Logger log = LoggerFactory.getLogger(ChannelJdbc.class);

  private final DataSource dataSource;

  public ChannelJdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Turns one row into a value. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Whether a unique constraint refused the statement. */
  public static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  /** The instant in a {@code timestamp with time zone} column, or null. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime at = row.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  /** The first row the query finds, if any. */
  public <T> Optional<T> queryOne(
      String purpose, String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection connection = dataSource.getConnection()) {
      return queryOne(connection, sql, mapper, parameters);
    } catch (SQLException e) {
      throw new ChannelStorageException(purpose, e);
    }
  }

  /** Every row the query finds, in its order. */
  public <T> List<T> queryList(
      String purpose, String sql, RowMapper<T> mapper, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      List<T> values = new ArrayList<>();
      while (rows.next()) {
        values.add(mapper.map(rows));
      }
      return values;
    } catch (SQLException e) {
      throw new ChannelStorageException(purpose, e);
    }
  }

  /** Runs an insert, update or delete; returns how many rows it changed. */
  public int update(String purpose, String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection()) {
      return update(connection, sql, parameters);
    } catch (SQLException e) {
      throw new ChannelStorageException(purpose, e);
    }
  }

  /** Runs an insert; false when a unique constraint says the row is there already. */
  public boolean insertIfAbsent(String purpose, String sql, Object... parameters) {
    try {
      update(purpose, sql, parameters);
      return true;
    } catch (ChannelStorageException e) {
      if (e.isUniqueViolation()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Opens a transaction; use it in try-with-resources. What is not {@linkplain Transaction#commit
   * committed} when it closes is rolled back.
   */
  public Transaction begin(String purpose) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      return new Transaction(connection, purpose);
    } catch (SQLException e) {
      if (connection != null) {
        closeQuietly(connection);
      }
      throw new ChannelStorageException(purpose, e);
    }
  }

  /** Statements on one connection, in one transaction. */
  public static final class Transaction implements AutoCloseable {

    private final Connection connection;
    private final String purpose;
    private boolean committed;

    private Transaction(Connection connection, String purpose) {
      this.connection = connection;
      this.purpose = purpose;
    }

    /** As {@link ChannelJdbc#queryOne}, inside this transaction. */
    public <T> Optional<T> queryOne(
        String purpose, String sql, RowMapper<T> mapper, Object... parameters) {
      try {
        return ChannelJdbc.queryOne(connection, sql, mapper, parameters);
      } catch (SQLException e) {
        throw new ChannelStorageException(purpose, e);
      }
    }

    /** As {@link ChannelJdbc#update}, inside this transaction. */
    public int update(String purpose, String sql, Object... parameters) {
      try {
        return ChannelJdbc.update(connection, sql, parameters);
      } catch (SQLException e) {
        throw new ChannelStorageException(purpose, e);
      }
    }

    /** Runs an insert and returns the generated key in column {@code keyColumn}. */
    public long insertReturningKey(
        String purpose, String sql, String keyColumn, Object... parameters) {
      try (PreparedStatement insert =
          connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
        bind(insert, parameters);
        insert.executeUpdate();
        try (ResultSet keys = insert.getGeneratedKeys()) {
          keys.next();
          return keys.getLong(keyColumn);
        }
      } catch (SQLException e) {
        throw new ChannelStorageException(purpose, e);
      }
    }

    public void commit() {
      try {
        connection.commit();
        committed = true;
      } catch (SQLException e) {
        throw new ChannelStorageException(purpose + " (commit)", e);
      }
    }

    /** Rolls back what is not committed (a failure to do so is only logged), then closes. */
    @Override
    public void close() {
      try {
        if (!committed) {
          connection.rollback();
        }
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        log.warn("channel storage: rollback failed ({}): {}", purpose, e.toString());
      } finally {
        closeQuietly(connection);
      }
    }
  }

  private static <T> Optional<T> queryOne(
      Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
      throws SQLException {
    try (PreparedStatement select = prepare(connection, sql, parameters);
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
    }
  }

  private static int update(Connection connection, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      bind(statement, parameters);
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
    for (int i = 0; i < parameters.length; i++) {
      switch (parameters[i]) {
        case Instant at -> statement.setObject(i + 1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        case String text -> statement.setString(i + 1, text);
        case null, default -> statement.setObject(i + 1, parameters[i]);
      }
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      log.warn("channel storage: closing a connection failed: {}", e.toString());
    }
  }
}
