package dev.wharf.ftp.listing;

import dev.wharf.ftp.support.Clients;
import dev.wharf.ftp.support.GatewayFixture;
import dev.wharf.ftp.support.TestFtpsClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LIST, NLST and MLSD with wildcards through Commons Net, and a pattern that is exponential for the library. */
class ListingWildcardTest {
    private static final String LONG_NAME = "a".repeat(200) + ".dat";
    private static GatewayFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new GatewayFixture();
        for (String name : List.of("report-1.txt", "report-2.txt", "notes.md", LONG_NAME)) {
            f.storage.put(GatewayFixture.TENANT, "/alice/" + name, new byte[]{1});
        }
        f.storage.mkdirs(GatewayFixture.TENANT, "/alice/sub");
        f.storage.put(GatewayFixture.TENANT, "/alice/sub/report-3.txt", new byte[]{1});
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void wildcardsFilterListings() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            assertEquals(List.of("report-1.txt", "report-2.txt"), sorted(c.listNames("report-?.txt")));
            assertEquals(List.of("report-1.txt", "report-2.txt"), sorted(Arrays.stream(c.listFiles("*.txt"))
                    .map(FTPFile::getName).toArray(String[]::new)));
            assertEquals(List.of("report-3.txt"), sorted(Arrays.stream(c.listFiles("sub/r*"))
                    .map(FTPFile::getName).toArray(String[]::new)));
            assertEquals(1, c.mlistDir("*.md").length, c.getReplyString());
            assertEquals(5, c.listFiles().length, "no pattern: everything");
        } finally {
            Clients.close(c);
        }
    }

    @Test
    void aPatternThatIsExponentialForBacktrackingAnswersQuickly() throws Exception {
        TestFtpsClient c = Clients.loggedIn(f, false, "alice");
        try {
            String pattern = "a*".repeat(30) + "b";
            // a guard against the library's backtracking matcher, which would take ages here; not a benchmark
            assertTimeout(Duration.ofSeconds(30), () -> {
                FTPFile[] none = c.listFiles(pattern);
                assertEquals(0, none.length);
                assertTrue(c.getReplyCode() == 226, c.getReplyString());
            });
            FTPFile[] one = c.listFiles("a*".repeat(30) + ".dat");
            assertEquals(1, one.length);
            assertEquals(LONG_NAME, one[0].getName());
        } finally {
            Clients.close(c);
        }
    }

    private static List<String> sorted(String[] names) {
        return names == null ? List.of() : Arrays.stream(names).sorted().toList();
    }
}
