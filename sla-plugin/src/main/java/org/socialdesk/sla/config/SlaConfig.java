package org.socialdesk.sla.config;

import java.util.List;
import java.util.Map;
import org.socialdesk.api.ConfigException;
import org.socialdesk.sla.policy.SlaPolicies;

/**
 * The SLA plugin's section, {@code plugins.sla}; the reference with an example is {@code
 * sla-plugin/docs/sla-config.md}. The constructor checks calendars and policies together and fails
 * once, listing every problem with the rule's index and name.
 *
 * @param enabled whether SLA clocks run; default true
 * @param warningAt fraction of a target after which its clock warns, within (0, 1); default 0.8
 * @param calendars business calendars by name; {@code 24x7} is built in; default none
 * @param policies SLA rules, tried in order, first match wins; default none (every conversation
 *     gets the built-in default: 24x7, first and next response 1h, resolution 1d)
 * @param escalation what a warning or breach does to its ticket (priority bumps); default +10 on a
 *     warning, +20 on a breach
 * @param outlets where alerts go besides the ticket (a JSON webhook); default none
 * @param summaries daily and weekly summaries sent to the webhook outlet; default none
 * @param wall the live wall: whether it shows private messages' text; default it does not
 * @param report the manager report: the zone its days are in; default the default calendar's
 */
public record SlaConfig(
    Boolean enabled,
    Double warningAt,
    Map<String, SlaCalendarConfig> calendars,
    List<SlaPolicyConfig> policies,
    SlaEscalationConfig escalation,
    SlaOutletsConfig outlets,
    SlaSummariesConfig summaries,
    SlaWallConfig wall,
    SlaReportConfig report) {

  public SlaConfig {
    enabled = enabled != null ? enabled : true;
    warningAt = warningAt != null ? warningAt : SlaPolicies.DEFAULT_WARNING_AT;
    calendars = SlaConfigValues.map(calendars);
    policies = SlaConfigValues.list(policies);
    escalation = escalation != null ? escalation : SlaEscalationConfig.DEFAULTS;
    outlets = outlets != null ? outlets : SlaOutletsConfig.NONE;
    wall = wall != null ? wall : SlaWallConfig.DEFAULTS;
    report = report != null ? report : SlaReportConfig.DEFAULTS;
    SlaPolicyCompiler.compile(warningAt, calendars, policies);
    if (summaries != null && outlets.webhook() == null) {
      throw new ConfigException(
          "summaries: they are sent to the webhook outlet; configure outlets.webhook");
    }
  }

  /** A section without the report's settings (the shape before they existed). */
  public SlaConfig(
      Boolean enabled,
      Double warningAt,
      Map<String, SlaCalendarConfig> calendars,
      List<SlaPolicyConfig> policies,
      SlaEscalationConfig escalation,
      SlaOutletsConfig outlets,
      SlaSummariesConfig summaries,
      SlaWallConfig wall) {
    this(enabled, warningAt, calendars, policies, escalation, outlets, summaries, wall, null);
  }

  /** A section without the wall's settings (the shape before they existed). */
  public SlaConfig(
      Boolean enabled,
      Double warningAt,
      Map<String, SlaCalendarConfig> calendars,
      List<SlaPolicyConfig> policies,
      SlaEscalationConfig escalation,
      SlaOutletsConfig outlets,
      SlaSummariesConfig summaries) {
    this(enabled, warningAt, calendars, policies, escalation, outlets, summaries, null, null);
  }

  /**
   * A section without summaries (the shape before they existed; kept for callers that build one).
   */
  public SlaConfig(
      Boolean enabled,
      Double warningAt,
      Map<String, SlaCalendarConfig> calendars,
      List<SlaPolicyConfig> policies,
      SlaEscalationConfig escalation,
      SlaOutletsConfig outlets) {
    this(enabled, warningAt, calendars, policies, escalation, outlets, null, null, null);
  }

  /** The policies this section describes, ready to match conversations. */
  public SlaPolicies slaPolicies() {
    return SlaPolicyCompiler.compile(warningAt, calendars, policies);
  }
}
