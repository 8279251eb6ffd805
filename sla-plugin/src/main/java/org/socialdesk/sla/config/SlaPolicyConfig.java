package org.socialdesk.sla.config;

import java.time.Duration;

/**
 * One rule under {@code plugins.sla.policies}. Rules are tried in order and the first whose {@code
 * match} accepts the conversation wins; the rule named {@code default} takes no {@code match} and
 * applies when none does. A key a rule leaves out is taken from the rule named {@code default},
 * else from the built-in default (calendar {@code 24x7}, first and next response 1h, resolution 1d,
 * the section's {@code warning-at}).
 *
 * @param name the rule's name, unique, shown on tickets and in reports; required
 * @param match the conversations it applies to; left out, all of them
 * @param calendar the name of a calendar under {@code calendars}, or the built-in {@code 24x7}
 * @param firstResponse business time allowed for the first answer, e.g. {@code 15m}
 * @param nextResponse business time allowed for each later answer
 * @param resolution business time allowed until the ticket is resolved, e.g. {@code 1d}
 * @param warningAt fraction of a target after which its clock warns, within (0, 1)
 */
public record SlaPolicyConfig(
    String name,
    SlaMatchConfig match,
    String calendar,
    Duration firstResponse,
    Duration nextResponse,
    Duration resolution,
    Double warningAt) {}
