package org.socialdesk.channel.mastodon;

import java.io.IOException;

/**
 * The brand's own account id, whose statuses are never taken in: from {@code account-id}, else
 * looked up once with {@code GET /api/v1/accounts/verify_credentials} (when first needed, so that
 * an unreachable instance does not stop the plugin from starting).
 */
final class MastodonAccount {

  private final MastodonApi api;
  private volatile String id;

  MastodonAccount(MastodonApi api, String configured) {
    this.api = api;
    this.id = configured;
  }

  String id() throws IOException, InterruptedException {
    String known = id;
    if (known != null) {
      return known;
    }
    MastodonApi.Answer answer = api.verifyCredentials();
    if (!answer.ok()) {
      throw new IOException(
          "mastodon: cannot look up the brand's account (verify_credentials): " + answer.error());
    }
    String found = MastodonStatusReader.text(answer.json(), "id");
    if (found == null || found.isBlank()) {
      throw new IOException("mastodon: verify_credentials gave no account id");
    }
    id = found;
    return found;
  }
}
