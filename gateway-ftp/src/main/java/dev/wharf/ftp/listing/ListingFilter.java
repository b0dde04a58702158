package dev.wharf.ftp.listing;

import org.apache.ftpserver.ftplet.FtpException;

import java.io.IOException;

/**
 * The wildcard of the listing command running on this thread. The library's listing commands run entirely on the
 * session's command thread, so a thread-local carries the pattern from {@link ListingCommand} to the folder
 * listing of the file system view without changing the library's code.
 */
public final class ListingFilter {
    private static final ThreadLocal<Glob> CURRENT = new ThreadLocal<>();

    /** A listing step, as the library's command runs it. */
    public interface Listing {
        void run() throws IOException, FtpException;
    }

    private ListingFilter() {
    }

    static void run(Glob glob, Listing listing) throws IOException, FtpException {
        CURRENT.set(glob);
        try {
            listing.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** Whether a folder entry named {@code name} belongs in the listing being produced on this thread. */
    public static boolean accepts(String name) {
        Glob glob = CURRENT.get();
        return glob == null || glob.matches(name);
    }
}
