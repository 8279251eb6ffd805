package org.socialdesk.sla;

/**
 * The SLA plugin's section, {@code plugins.sla}.
 *
 * @param enabled whether SLA clocks run; default true
 */
public record SlaConfig(Boolean enabled) {

  public SlaConfig {
    enabled = enabled != null ? enabled : true;
  }
}
