package org.socialdesk.channel.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socialdesk.channel.ChannelChangelog;
import org.socialdesk.testkit.TestingDatabase;

class ChannelJdbcTest {

  private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private static final String INSERT_CURSOR =
      "insert into channel_cursor (channel, cursor_value, updated_at) values (?, ?, ?)";
  private static final String READ_CURSOR =
      "select cursor_value from channel_cursor where channel = ?";

  private DataSource database;
  private ChannelJdbc jdbc;

  @BeforeEach
  void createDatabase() {
    database = TestingDatabase.create(ChannelChangelog.RESOURCE);
    jdbc = new ChannelJdbc(database);
  }

  @Test
  void insertIfAbsentSaysWhetherTheRowWasNew() {
    assertThat(jdbc.insertIfAbsent("test", INSERT_CURSOR, "c", "1", T0)).isTrue();
    assertThat(jdbc.insertIfAbsent("test", INSERT_CURSOR, "c", "2", T0)).isFalse();

    assertThat(jdbc.queryOne("test", READ_CURSOR, row -> row.getString(1), "c")).contains("1");
  }

  @Test
  void bindsInstantsAsUtcTimestampsAndReadsThemBack() {
    jdbc.update("test", INSERT_CURSOR, "c", "1", T0);

    assertThat(
            jdbc.queryList(
                "test",
                "select updated_at from channel_cursor",
                row -> ChannelJdbc.instant(row, "updated_at")))
        .containsExactly(T0);
  }

  @Test
  void aFailureNamesThePurposeOfTheStatementAndKeepsTheDriversError() {
    assertThatThrownBy(() -> jdbc.update("move the cursor", "update no_such_table set x = 1"))
        .isInstanceOf(ChannelStorageException.class)
        .hasMessageStartingWith("move the cursor: ")
        .satisfies(e -> assertThat(((ChannelStorageException) e).isUniqueViolation()).isFalse())
        .cause()
        .isInstanceOf(java.sql.SQLException.class);
  }

  @Test
  void aUniqueViolationIsRecognised() {
    jdbc.update("test", INSERT_CURSOR, "c", "1", T0);

    assertThatThrownBy(() -> jdbc.update("create the cursor", INSERT_CURSOR, "c", "2", T0))
        .isInstanceOfSatisfying(
            ChannelStorageException.class, e -> assertThat(e.isUniqueViolation()).isTrue());
  }

  @Test
  void aTransactionClosedWithoutCommitLeavesNothingBehind() {
    try (ChannelJdbc.Transaction transaction = jdbc.begin("test")) {
      transaction.update("test", INSERT_CURSOR, "c", "1", T0);
    }

    assertThat(jdbc.queryOne("test", READ_CURSOR, row -> row.getString(1), "c")).isEmpty();
  }

  @Test
  void aCommittedTransactionKeepsItsRows() {
    try (ChannelJdbc.Transaction transaction = jdbc.begin("test")) {
      transaction.update("test", INSERT_CURSOR, "c", "1", T0);
      transaction.commit();
    }

    assertThat(jdbc.queryOne("test", READ_CURSOR, row -> row.getString(1), "c")).contains("1");
  }

  @Test
  void aCursorIsCreatedThenMoved() {
    ChannelCursors cursors = new ChannelCursors(database, Clock.fixed(T0, ZoneOffset.UTC));

    cursors.write("x:mentions:1", "100");
    cursors.write("x:mentions:1", "200");

    assertThat(cursors.read("x:mentions:1")).contains("200");
    assertThat(cursors.read("x:dm:1")).isEmpty();
  }
}
