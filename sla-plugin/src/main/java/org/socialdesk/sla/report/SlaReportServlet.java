package org.socialdesk.sla.report;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.socialdesk.api.event.PlausibleTimes;
import org.socialdesk.sla.common.SlaJson;

/**
 * {@code GET /api/sla/report?from=..&to=..&groupBy=..[&format=csv]}, mounted for admins. {@code
 * from} and {@code to} are UTC dates ({@code 2026-03-01}; {@code to} includes its whole day) or
 * instants ({@code 2026-03-01T08:00:00Z}; {@code to} exclusive); by default the last 30 days. A bad
 * parameter is a 400 naming it.
 */
public final class SlaReportServlet extends HttpServlet {

  static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
  static final List<String> CSV_COLUMNS =
      List.of(
          "row",
          "key",
          "posts",
          "conversations",
          "repliedConversations",
          "responseRate",
          "firstResponseMeanSeconds",
          "firstResponseMedianSeconds",
          "firstResponseP90Seconds",
          "breaches");

  private final transient SlaReport report;
  private final transient Clock clock;

  public SlaReportServlet(SlaReport report, Clock clock) {
    this.report = Objects.requireNonNull(report, "report");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A parameter the caller got wrong; the message names it. */
  static final class BadParameter extends RuntimeException {
    BadParameter(String message) {
      super(message);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/report".equals(request.getPathInfo())) {
      send(
          response,
          404,
          "application/json",
          SlaJson.write(Map.of("error", "not found; try /api/sla/report")));
      return;
    }
    SlaReport.Result result;
    boolean csv;
    String groupBy;
    try {
      String format = request.getParameter("format");
      if (format != null && !format.equals("json") && !format.equals("csv")) {
        throw new BadParameter("format must be json or csv, got '" + format + "'");
      }
      csv = "csv".equals(format);
      groupBy = request.getParameter("groupBy");
      if (groupBy == null || groupBy.isBlank()) {
        throw new BadParameter(
            "groupBy is required; one of " + String.join(", ", SlaReport.GROUP_COLUMNS.keySet()));
      }
      if (!SlaReport.GROUP_COLUMNS.containsKey(groupBy)) {
        throw new BadParameter(
            "groupBy '"
                + groupBy
                + "' is unknown; one of "
                + String.join(", ", SlaReport.GROUP_COLUMNS.keySet()));
      }
      Instant to = parse(request.getParameter("to"), "to", true);
      if (to == null) {
        to = clock.instant();
      }
      Instant from = parse(request.getParameter("from"), "from", false);
      if (from == null) {
        from = to.minus(DEFAULT_PERIOD);
      }
      if (from.isAfter(to)) {
        throw new BadParameter("from (" + from + ") is after to (" + to + ")");
      }
      result = report.compute(reportable(from), reportable(to), groupBy);
    } catch (BadParameter e) {
      send(response, 400, "application/json", SlaJson.write(Map.of("error", e.getMessage())));
      return;
    }
    if (csv) {
      send(response, 200, "text/csv", csv(result));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("groupBy", groupBy);
      List<Object> groups = new ArrayList<>();
      result.groups().forEach(row -> groups.add(json(row, true)));
      body.put("groups", groups);
      body.put("totals", json(result.totals(), false));
      send(response, 200, "application/json", SlaJson.write(body));
    }
  }

  /** A date (UTC; as {@code to}, the end of that day) or an ISO instant; null when absent. */
  static Instant parse(String value, String name, boolean endOfDay) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new BadParameter(
          name
              + " must be a date (2026-03-01) or an instant (2026-03-01T08:00:00Z), got '"
              + value
              + "'");
    }
  }

  /** One row as the report's JSON writes it; the daily and weekly summaries use the same fields. */
  static Map<String, Object> json(SlaReport.Row row, boolean withKey) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (withKey) {
      out.put("key", row.key());
    }
    out.put("posts", row.posts());
    out.put("conversations", row.conversations());
    out.put("repliedConversations", row.repliedConversations());
    out.put("responseRate", row.responseRate());
    SlaReport.Durations took = row.firstResponse();
    if (took == null) {
      out.put("firstResponseSeconds", null);
    } else {
      Map<String, Object> seconds = new LinkedHashMap<>();
      seconds.put("mean", took.mean());
      seconds.put("median", took.median());
      seconds.put("p90", took.p90());
      out.put("firstResponseSeconds", seconds);
    }
    out.put("breaches", row.breaches());
    return out;
  }

  static String csv(SlaReport.Result result) {
    StringBuilder out = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
    result.groups().forEach(row -> csvRow(out, "group", row));
    csvRow(out, "total", result.totals());
    return out.toString();
  }

  private static void csvRow(StringBuilder out, String kind, SlaReport.Row row) {
    SlaReport.Durations took = row.firstResponse();
    List<Object> cells =
        List.of(
            kind,
            cell(row.key()),
            row.posts(),
            row.conversations(),
            row.repliedConversations(),
            cell(row.responseRate()),
            cell(took == null ? null : took.mean()),
            cell(took == null ? null : took.median()),
            cell(took == null ? null : took.p90()),
            row.breaches());
    List<String> texts = new ArrayList<>();
    cells.forEach(cell -> texts.add(quote(String.valueOf(cell))));
    out.append(String.join(",", texts)).append("\r\n");
  }

  private static Object cell(Object value) {
    return value == null ? "" : value;
  }

  private static String quote(String text) {
    return text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        ? "\"" + text.replace("\"", "\"\"") + "\""
        : text;
  }

  private static void send(HttpServletResponse response, int status, String type, String body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(type + "; charset=utf-8");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
  }

  /** The latest time a report may ask about: SQL timestamps end at year 9999 on some databases. */
  private static final Instant LATEST_REPORTED = Instant.parse("9999-12-31T23:59:59Z");

  /** A report's bound, kept within what SQL timestamps hold (nothing happened before 2006). */
  static Instant reportable(Instant time) {
    return time.isBefore(PlausibleTimes.EARLIEST)
        ? PlausibleTimes.EARLIEST
        : time.isAfter(LATEST_REPORTED) ? LATEST_REPORTED : time;
  }
}
