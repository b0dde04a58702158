package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./wharf script's commands that need no running platform (up is exercised by the end-to-end tests). */
class WharfScriptTest {

    @TempDir
    Path runDir;

    private record Result(int exit, String output) {
    }

    private Result wharf(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(ProjectPaths.root().resolve("wharf").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("out.txt").toFile());
        builder.environment().put("WHARF_RUN_DIR", runDir.toString());
        Process process = builder.start();
        if (!process.waitFor(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./wharf " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(runDir.resolve("out.txt")));
    }

    @Test
    void helpNamesEveryCommand() throws Exception {
        Result help = wharf("help");
        assertEquals(0, help.exit());
        for (String command : List.of("up", "down", "status", "build", "tenant", "user", "group", "otp", "apikey",
                "sshkey", "site", "admin", "share", "ban", "audit")) {
            assertTrue(help.output().contains("\n  " + command + " "), command + " missing:\n" + help.output());
        }
        Result unknown = wharf("frobnicate");
        assertEquals(64, unknown.exit(), "an unknown word is a usage error of the script, without building anything");
        assertTrue(unknown.output().contains("unknown command frobnicate"), unknown.output());
    }

    @Test
    void statusAndDownWithNothingRunning() throws Exception {
        Result status = wharf("status");
        assertEquals(3, status.exit(), status.output());
        assertTrue(status.output().contains("keycloak") && status.output().contains("down"), status.output());
        Result down = wharf("down");
        assertEquals(0, down.exit(), down.output());
        assertTrue(down.output().contains("nothing was running"), down.output());
    }

    @Test
    void aStalePidFileOfSomeoneElsesProcessIsReportedAndNeverKilled() throws Exception {
        // this test JVM stands for an unrelated process that got the number of a dead component
        long unrelated = ProcessHandle.current().pid();
        Files.createDirectories(runDir.resolve("run"));
        Files.writeString(runDir.resolve("run/kafka.pid"), unrelated + "\n");
        Files.writeString(runDir.resolve("run/up.pid"), unrelated + "\n");

        Result status = wharf("status");
        assertTrue(status.output().contains("stale pid file"), status.output());
        Result down = wharf("down");
        assertTrue(down.output().contains("nothing was running"), down.output());
        assertTrue(ProcessHandle.current().isAlive());
        assertTrue(Files.notExists(runDir.resolve("run/kafka.pid")), "stale pid files are cleared");
    }
}
