package org.socialdesk.host.server;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The data folder holds the admin token and the H2 database: only the user Socialdesk runs as may
 * read it. The folder (and any folder in it) is made 700 and every file in it 600, on every start,
 * so a folder created by an older version or with a lax umask is mended too. On a file system
 * without POSIX permissions nothing is changed.
 */
final class DataFolder {

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private DataFolder() {}

  /** Creates the folder if need be and restricts it and everything in it to its owner. */
  static void secure(Path folder) throws IOException {
    Files.createDirectories(folder);
    if (Files.getFileAttributeView(folder, PosixFileAttributeView.class) == null) {
      return;
    }
    Files.walkFileTree(
        folder,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            Files.setPosixFilePermissions(dir, FOLDER);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            // A symbolic link's target may be anyone's file: leave it alone.
            if (attributes.isRegularFile() && !Files.isSymbolicLink(file)) {
              Files.setPosixFilePermissions(file, FILE);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
