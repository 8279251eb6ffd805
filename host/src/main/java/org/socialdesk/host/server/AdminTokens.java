package org.socialdesk.host.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.socialdesk.api.Secret;

/**
 * The admin token when the configuration sets none: generated once, kept in a file only its owner
 * can read, and reused on every start so scripts keep working.
 */
final class AdminTokens {

  private AdminTokens() {}

  static Secret loadOrCreate(Path file) throws IOException {
    if (Files.exists(file)) {
      return Secret.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = HexFormat.of().formatHex(random);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    Files.writeString(partial, token + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system; the folder's own permissions apply.
    }
    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return Secret.of(token);
  }
}
