package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.FtpIoSession;
import org.jboss.logging.Logger;

/**
 * HASH (draft-bryan-ftpext-hash): the SHA-256 storage-service computed while the file was uploaded, so the object is
 * never read again. Reply {@code 213 SHA-256 0-<size> <hex> <path>} (the range's end is exclusive, as in the draft).
 */
public final class HashCommand extends FileCommand {
    private static final Logger LOG = Logger.getLogger(HashCommand.class);
    /** The only algorithm: the one storage keeps. */
    public static final String ALGORITHM = "SHA-256";

    @Override
    FtpReply run(FtpIoSession session, FileOperations files, String path) {
        FileInfo info = files.stat(path);
        if (info.directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "HASH of a folder");
        }
        if (info.sha256() == null || info.sha256().isEmpty()) {
            // a 5xx: hashing on demand would mean reading the whole object back from storage, which we never do
            LOG.infof("%s: HASH %s: no SHA-256 recorded", FtpSessions.of(session), VirtualPaths.printable(path));
            return new DefaultFtpReply(FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN, VirtualPaths.printable(path)
                    + ": no SHA-256 is recorded for this file (stored before checksums were kept): compare SIZE "
                    + "and MDTM, or upload it again.");
        }
        return new DefaultFtpReply(FtpReply.REPLY_213_FILE_STATUS, ALGORITHM + " 0-" + info.size() + " "
                + info.sha256() + " " + VirtualPaths.printable(path));
    }
}
