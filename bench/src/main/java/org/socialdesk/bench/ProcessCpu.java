package org.socialdesk.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used so far by the processes of one session (Linux {@code /proc}): RT's rt-server is
 * started with setsid, so its master and all its workers share the master's session id; the
 * Socialdesk JVM is a session of one. Reaped children count through the master's {@code cutime}.
 * Lets a benchmark say how much CPU each side spends per ticket, which is what decides a ratio when
 * both share the cores.
 */
record ProcessCpu(String name, long sessionId) {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

  /** The session of process {@code pid}, or null when {@code pid} is null (not measured). */
  static ProcessCpu of(String name, String pid) throws IOException {
    if (pid == null || pid.isBlank()) {
      return null;
    }
    return new ProcessCpu(name, Long.parseLong(stat(Path.of("/proc", pid.strip(), "stat"))[6 - 3]));
  }

  /** CPU seconds, user + system, of the live processes of the session and their reaped children. */
  double seconds() throws IOException {
    long ticks = 0;
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc :
          (Iterable<Path>)
              procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                  ::iterator) {
        String[] f;
        try {
          f = stat(proc.resolve("stat"));
        } catch (IOException gone) {
          continue;
        }
        // Fields after "(comm)": state(3) ppid pgrp session(6) ... utime(14) stime cutime
        // cstime(17).
        if (Long.parseLong(f[6 - 3]) == sessionId) {
          ticks +=
              Long.parseLong(f[14 - 3])
                  + Long.parseLong(f[15 - 3])
                  + Long.parseLong(f[16 - 3])
                  + Long.parseLong(f[17 - 3]);
        }
      }
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The fields after the command name, which may itself hold spaces. */
  private static String[] stat(Path file) throws IOException {
    String s = Files.readString(file);
    return s.substring(s.lastIndexOf(')') + 2).split(" ");
  }
}
