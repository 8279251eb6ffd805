package org.socialdesk.sla.report;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.socialdesk.api.event.PlausibleTimes;
import org.socialdesk.sla.common.SlaJson;
import org.socialdesk.sla.config.SlaReportConfig;

/**
 * {@code GET /api/sla/report?from=..&to=..&groupBy=..[&format=csv]}, mounted for admins. {@code
 * from} and {@code to} are dates of the report's zone ({@code 2026-03-01}; {@code to} includes its
 * whole day) or instants ({@code 2026-03-01T08:00:00Z}; {@code to} exclusive); by default the last
 * 30 days of the zone, today included. {@code groupBy} defaults to {@code channel}, the page's
 * first view. A bad parameter, or a period no post can fall in (before 2006, starting in the
 * future, ending more than a year ahead), is a 400 naming it; any method but GET (and HEAD) a 405,
 * both as JSON.
 */
public final class SlaReportServlet extends HttpServlet {

  static final int DEFAULT_DAYS = 30;
  static final String DEFAULT_GROUP_BY = "channel";

  /** How far ahead a period may end: "this year" is a fair question, 9999-12-31 is not. */
  static final Duration LATEST_AHEAD = Duration.ofDays(366);

  /** The first day a report may start on: no post Socialdesk handles is older. */
  static final LocalDate EARLIEST_DAY =
      LocalDate.ofInstant(PlausibleTimes.EARLIEST, java.time.ZoneOffset.UTC);

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
  private final transient ZoneId zone;

  /** A report whose days are UTC days. */
  public SlaReportServlet(SlaReport report, Clock clock) {
    this(report, clock, SlaReportConfig.UTC);
  }

  /**
   * @param zone whose days {@code from}, {@code to} and the day and week groups are
   */
  public SlaReportServlet(SlaReport report, Clock clock, ZoneId zone) {
    this.report = Objects.requireNonNull(report, "report");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** A parameter the caller got wrong; the message names it. */
  static final class BadParameter extends RuntimeException {
    BadParameter(String message) {
      super(message);
    }
  }

  /** The period asked about: [from, to) and the zone's days it spans. */
  record Period(Instant from, Instant to) {}

  /**
   * Only reading: any other method is a JSON 405 from here, whatever error pages the server that
   * runs this servlet has (Jetty's own is an HTML page).
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      super.service(request, response);
      return;
    }
    response.setHeader("Allow", "GET, HEAD");
    send(
        response,
        405,
        "application/json",
        SlaJson.write(
            Map.of("error", method + " is not allowed here; the report is read with GET")));
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
    Period period;
    try {
      String format = request.getParameter("format");
      if (format != null && !format.equals("json") && !format.equals("csv")) {
        throw new BadParameter("format must be json or csv, got '" + format + "'");
      }
      csv = "csv".equals(format);
      groupBy = groupBy(request.getParameter("groupBy"));
      period = period(request.getParameter("from"), request.getParameter("to"));
      result = report.compute(period.from(), period.to(), groupBy, zone);
    } catch (BadParameter e) {
      send(response, 400, "application/json", SlaJson.write(Map.of("error", e.getMessage())));
      return;
    }
    if (csv) {
      send(response, 200, "text/csv", csv(result));
    } else {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("groupBy", groupBy);
      body.put("zone", zone.getId());
      body.put("from", period.from().toString());
      body.put("to", period.to().toString());
      body.put("firstDay", LocalDate.ofInstant(period.from(), zone).toString());
      body.put("lastDay", LocalDate.ofInstant(period.to().minusNanos(1), zone).toString());
      List<Object> groups = new ArrayList<>();
      result.groups().forEach(row -> groups.add(json(row, true)));
      body.put("groups", groups);
      body.put("totals", json(result.totals(), false));
      send(response, 200, "application/json", SlaJson.write(body));
    }
  }

  /** The grouping asked for; {@value #DEFAULT_GROUP_BY} when none. */
  static String groupBy(String groupBy) {
    if (groupBy == null || groupBy.isBlank()) {
      return DEFAULT_GROUP_BY;
    }
    if (!SlaReport.GROUP_COLUMNS.containsKey(groupBy)) {
      throw new BadParameter(
          "groupBy '"
              + groupBy
              + "' is unknown; one of "
              + String.join(", ", SlaReport.GROUP_COLUMNS.keySet()));
    }
    return groupBy;
  }

  /**
   * The period from the parameters, each defaulting: to the end of today, from 30 days before. A
   * period nothing can fall in is refused rather than answered with an empty report that looks like
   * a quiet month.
   */
  Period period(String fromText, String toText) {
    Instant now = clock.instant();
    Instant to = parse(toText, "to", true, zone);
    if (to == null) {
      to = LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone).toInstant();
    }
    Instant from = parse(fromText, "from", false, zone);
    if (from == null) {
      LocalDate lastDay = LocalDate.ofInstant(to.minusNanos(1), zone);
      from = lastDay.minusDays(DEFAULT_DAYS - 1L).atStartOfDay(zone).toInstant();
    }
    if (from.isAfter(to)) {
      throw new BadParameter("from (" + from + ") is after to (" + to + ")");
    }
    // Compared as the zone's date: 2006-01-01 in Bangkok starts on 2005-12-31 in UTC.
    if (LocalDate.ofInstant(from, zone).isBefore(EARLIEST_DAY)) {
      throw new BadParameter(
          "from ("
              + from
              + ") is before 2006-01-01, older than any post Socialdesk handles; start there or"
              + " later");
    }
    if (from.isAfter(now)) {
      throw new BadParameter(
          "from (" + from + ") is in the future (now " + now + "): nothing to report yet");
    }
    if (to.isAfter(now.plus(LATEST_AHEAD))) {
      throw new BadParameter(
          "to ("
              + to
              + ") is more than a year ahead; a report ends at most a year from now (to="
              + LocalDate.ofInstant(now, zone).plusYears(1)
              + ")");
    }
    return new Period(from, to);
  }

  /**
   * A date of {@code zone} (as {@code to}, the end of that day) or an ISO instant; null when
   * absent.
   */
  static Instant parse(String value, String name, boolean endOfDay, ZoneId zone) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        LocalDate date = LocalDate.parse(value);
        return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException | ArithmeticException e) {
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
}
