/**
 * The Socialdesk plugin SPI: the only types a plugin compiles against.
 *
 * <p>A plugin is a jar in the host's {@code plugins/} folder that declares one {@link
 * org.socialdesk.api.Plugin} through {@link java.util.ServiceLoader}. The host starts it with a
 * {@link org.socialdesk.api.PluginContext} and then asks it for its extensions. Everything here is
 * additive: new host services arrive as default methods, so plugins built against an older minor
 * version keep working.
 */
package org.socialdesk.api;
