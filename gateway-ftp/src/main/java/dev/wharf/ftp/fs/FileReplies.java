package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.files.VirtualPaths;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;

/**
 * The one place where a file operation's {@link Reason} becomes an FTP reply: the code tells clients whether to
 * retry (4xx) or give up (5xx), the text is the reason's user message, so the reply, the log line and the audit
 * event carry the same reason.
 */
public final class FileReplies {
    private FileReplies() {
    }

    /** RFC 959 / 3659 reply code for a refused file operation. */
    public static int code(Reason reason) {
        return switch (reason) {
            case INVALID_PATH -> FtpReply.REPLY_553_REQUESTED_ACTION_NOT_TAKEN_FILE_NAME_NOT_ALLOWED;
            case INVALID_OFFSET -> 554; // RFC 3659: invalid REST parameter
            case UPLOAD_ABORTED -> FtpReply.REPLY_426_CONNECTION_CLOSED_TRANSFER_ABORTED;
            case QUOTA_EXCEEDED -> FtpReply.REPLY_552_REQUESTED_FILE_ACTION_ABORTED_EXCEEDED_STORAGE;
            case SERVICE_UNAVAILABLE, INTERNAL_ERROR -> FtpReply.REPLY_451_REQUESTED_ACTION_ABORTED;
            case STORAGE_FULL -> FtpReply.REPLY_552_REQUESTED_FILE_ACTION_ABORTED_EXCEEDED_STORAGE;
            // the audit spool is full or failing: this gateway takes no new work until it drains
            case AUDIT_UNAVAILABLE -> FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION;
            default -> FtpReply.REPLY_550_REQUESTED_ACTION_NOT_TAKEN;
        };
    }

    /** {@code <code> <path>: <reason text>}; the path is quoted so that no control character reaches the client. */
    public static FtpReply refused(Reason reason, String path) {
        String prefix = path == null ? "" : VirtualPaths.printable(path) + ": ";
        return new DefaultFtpReply(code(reason), prefix + reason.userMessage());
    }

    /** RFC 959 quoting of a path name in 257 replies: embedded double quotes are doubled. */
    public static String quoted(String path) {
        return "\"" + VirtualPaths.printable(path).replace("\"", "\"\"") + "\"";
    }
}
