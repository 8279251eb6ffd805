package org.socialdesk.host.replies;

import java.time.Clock;
import java.util.Optional;
import org.socialdesk.host.storage.Sql;

/** Small named values the host keeps in its database (cursors). */
final class HostSettings {

  private final Sql sql;
  private final Clock clock;

  HostSettings(Sql sql, Clock clock) {
    this.sql = sql;
    this.clock = clock;
  }

  Optional<String> get(String name) {
    return sql.queryOne(
        "select setting_value from host_setting where name = ?", row -> row.getString(1), name);
  }

  void put(String name, String value) {
    sql.inTransaction(
        tx -> {
          int updated =
              tx.update(
                  "update host_setting set setting_value = ?, updated_at = ? where name = ?",
                  value,
                  clock.instant(),
                  name);
          if (updated == 0) {
            tx.update(
                "insert into host_setting (name, setting_value, updated_at) values (?, ?, ?)",
                name,
                value,
                clock.instant());
          }
          return null;
        });
  }
}
