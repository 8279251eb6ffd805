package org.socialdesk.sla;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The plugin's test database and a small query helper over it. */
public final class TestingDatabase {

  public static final String CHANGELOG = "org/socialdesk/sla/changelog.yaml";

  private TestingDatabase() {}

  /** A fresh in-memory H2 with the plugin's real changelog applied (the testkit does the work). */
  public static DataSource create() {
    return org.socialdesk.testkit.TestingDatabase.create(CHANGELOG);
  }

  /** The rows of {@code sql}, each as column label (lower case) to value. */
  public static List<Map<String, Object>> query(DataSource dataSource, String sql) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<Map<String, Object>> result = new ArrayList<>();
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(
              rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT),
              rows.getObject(i));
        }
        result.add(row);
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
