/**
 * Test fixtures shared by the plugins' tests: one version of each, general enough for every
 * channel. {@link org.socialdesk.testkit.TestingPluginContext} is the host as a test wants it;
 * {@link org.socialdesk.testkit.TestingDatabase} applies a plugin's real changelog to H2; {@link
 * org.socialdesk.testkit.SettableClock} stands still until moved; {@link
 * org.socialdesk.testkit.RecordingIngest} plays the host's inbox; {@link
 * org.socialdesk.testkit.RecordingWebRegistry} and {@link org.socialdesk.testkit.TestingJetty}
 * record and serve what a plugin mounts; {@link org.socialdesk.testkit.TestingHttpClients} stands
 * in for the host's HTTP clients.
 */
package org.socialdesk.testkit;
