package org.socialdesk.host.testing;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A data source that records the statements prepared through it and the transactions committed
 * (each as the SQL texts it prepared): what a test needs to say how many statements and commits a
 * unit of work costs. A statement prepared once and executed several times counts once.
 */
public final class CountingDataSource {

  private final DataSource target;
  private final ConcurrentLinkedQueue<String> statements = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<List<String>> commits = new ConcurrentLinkedQueue<>();

  public CountingDataSource(DataSource target) {
    this.target = target;
  }

  /** The data source to hand to the code under test. */
  public DataSource dataSource() {
    return proxy(
        DataSource.class,
        target,
        (result, method, args) ->
            result instanceof Connection connection ? counted(connection) : result);
  }

  /** Statements prepared so far, by SQL text, with how often. */
  public Map<String, Long> statements() {
    return statements.stream()
        .collect(Collectors.groupingBy(sql -> sql, TreeMap::new, Collectors.counting()));
  }

  /** How many statements matching {@code which} were prepared. */
  public long statementCount(Predicate<String> which) {
    return statements.stream().filter(which).count();
  }

  /** How many committed transactions prepared at least one statement matching {@code which}. */
  public long commitCount(Predicate<String> which) {
    return commits.stream().filter(tx -> tx.stream().anyMatch(which)).count();
  }

  public void reset() {
    statements.clear();
    commits.clear();
  }

  private Connection counted(Connection connection) {
    List<String> transaction = new ArrayList<>();
    return proxy(
        Connection.class,
        connection,
        (result, method, args) -> {
          switch (method.getName()) {
            case "prepareStatement", "prepareCall" -> {
              statements.add((String) args[0]);
              transaction.add((String) args[0]);
            }
            case "commit" -> {
              commits.add(List.copyOf(transaction));
              transaction.clear();
            }
            case "rollback", "close" -> transaction.clear();
            default -> {}
          }
          return result;
        });
  }

  @FunctionalInterface
  private interface After {
    Object apply(Object result, Method method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Object target, After after) {
    InvocationHandler handler =
        (self, method, args) -> {
          try {
            return after.apply(method.invoke(target, args), method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
