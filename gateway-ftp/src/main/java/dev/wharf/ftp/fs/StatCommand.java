package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.storage.FileInfo;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.impl.FtpIoSession;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * SIZE and MDTM (RFC 3659) on one stat, replacing the library's, which answer every failed lookup as "no such
 * file": with storage-service away a client must read a try-later 451, not a 550 it takes as final (curl gives up a
 * download on it).
 */
public final class StatCommand extends FileCommand {
    private static final DateTimeFormatter MDTM = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS")
            .withZone(ZoneOffset.UTC);

    private final Function<FileInfo, String> answer;

    private StatCommand(Function<FileInfo, String> answer) {
        this.answer = answer;
    }

    /** SIZE: the file's size in bytes (the stored bytes: Wharf keeps files as sent, in every TYPE). */
    public static StatCommand size() {
        return new StatCommand(i -> Long.toString(i.size()));
    }

    /** MDTM: when the file was last modified, UTC. */
    public static StatCommand mdtm() {
        return new StatCommand(i -> MDTM.format(i.modified() == null ? java.time.Instant.EPOCH : i.modified()));
    }

    @Override
    FtpReply run(FtpIoSession session, FileOperations files, String path) {
        FileInfo info = files.stat(path);
        if (info.directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path);
        }
        return new DefaultFtpReply(FtpReply.REPLY_213_FILE_STATUS, answer.apply(info));
    }
}
