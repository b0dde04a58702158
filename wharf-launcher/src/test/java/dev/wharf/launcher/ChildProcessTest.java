package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void closeStopsTheWholeTreeEvenWhenTheParentIgnoresSigterm() throws Exception {
        // the shell ignores TERM like a wrapper script might; its child sleeps: both must be gone after close()
        ChildProcess child = ChildProcess.start("tree", List.of("/bin/sh", "-c",
                        "trap '' TERM; sleep 300 & echo started; wait"),
                Map.of(), dir, dir.resolve("tree.log"));
        Poll.until("the sleeper to start", Duration.ofSeconds(20), child,
                () -> ProcessHandle.of(child.pid()).map(h -> h.children().findAny().isPresent()).orElse(false));
        List<ProcessHandle> descendants = ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
        assertFalse(descendants.isEmpty());

        child.stop(Duration.ofSeconds(2));

        assertFalse(child.isAlive());
        for (ProcessHandle handle : descendants) {
            assertFalse(handle.isAlive(), "descendant " + handle.pid() + " still alive");
        }
    }

    @Test
    void aChildWhoseLauncherDiesIsStopped() throws Exception {
        // a sleeping process stands in for the launcher JVM; killing it is what SIGKILL of a test fork does
        Process launcher = new ProcessBuilder("sleep", "300").start();
        try {
            ChildProcess child = ChildProcess.start("orphan", List.of("sleep", "300"), Map.of(), dir,
                    dir.resolve("orphan.log"), launcher.pid());
            List<ProcessHandle> tree = new java.util.ArrayList<>(List.of(ProcessHandle.of(child.pid()).orElseThrow()));
            Poll.until("the sleeper to start", Duration.ofSeconds(20), child,
                    () -> ProcessHandle.of(child.pid()).map(h -> h.children().findAny().isPresent()).orElse(false));
            tree.addAll(ProcessHandle.of(child.pid()).orElseThrow().descendants().toList());

            launcher.destroyForcibly().waitFor();

            Poll.until("the orphan to stop", Duration.ofSeconds(30), null,
                    () -> tree.stream().noneMatch(ProcessHandle::isAlive));
        } finally {
            launcher.destroyForcibly();
        }
    }

    @Test
    void theGuardPassesTheExitCodeThrough() {
        ChildProcess child = ChildProcess.start("exit5", List.of("/bin/sh", "-c", "exit 5"), Map.of(), dir,
                dir.resolve("exit5.log"));
        Poll.until("exit", Duration.ofSeconds(20), null, () -> !child.isAlive());
        assertEquals(5, child.exitCode());
    }

    @Test
    void runReportsExitCodeAndLogTail() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ChildProcess.run("failing",
                List.of("/bin/sh", "-c", "echo the-reason >&2; exit 3"), Map.of(), dir, dir.resolve("f.log"),
                Duration.ofSeconds(20)));
        assertTrue(failure.getMessage().contains("exit code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the-reason"), failure.getMessage());
    }

    @Test
    void environmentCanAddAndRemoveVariables() throws Exception {
        var env = new java.util.HashMap<String, String>();
        env.put("WHARF_TEST_ADDED", "yes");
        env.put("PATH", null);
        // env(1) prints exactly what it got (a shell would invent a default PATH)
        ChildProcess.run("env", List.of("/usr/bin/env"), env, dir, dir.resolve("env.log"), Duration.ofSeconds(20));
        List<String> lines = Files.readAllLines(dir.resolve("env.log"));
        assertTrue(lines.contains("WHARF_TEST_ADDED=yes"), lines.toString());
        assertTrue(lines.stream().noneMatch(line -> line.startsWith("PATH=")), lines.toString());
    }

    @Test
    void pollFailsFastWhenTheProcessDies() {
        ChildProcess child = ChildProcess.start("quitter", List.of("/bin/sh", "-c", "echo bye; exit 7"),
                Map.of(), dir, dir.resolve("q.log"));
        long start = System.nanoTime();
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Poll.until("never", Duration.ofSeconds(60), child, () -> false));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "did not wait out the deadline");
        assertTrue(failure.getMessage().contains("exited with code 7"), failure.getMessage());
        assertEquals(7, child.exitCode());
    }

    @Test
    void pollTimesOut() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Poll.until("the impossible", Duration.ofMillis(300), null, () -> false));
        assertTrue(failure.getMessage().contains("timed out"), failure.getMessage());
    }
}
