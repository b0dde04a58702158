package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.apache.sshd.sftp.common.SftpConstants;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one place where Wharf reasons meet SFTP: reason to status code, reason to the NIO exception the SFTP
 * subsystem understands (it checks for {@link NoSuchFileException} and friends), and back from any exception to
 * its reason. The status message always starts with the reason code.
 */
public final class SftpStatusMapping {
    private SftpStatusMapping() {
    }

    /** The SFTP status code a reason is reported with. */
    public static int status(Reason reason) {
        return switch (reason) {
            case OK -> SftpConstants.SSH_FX_OK;
            case NOT_FOUND -> SftpConstants.SSH_FX_NO_SUCH_FILE;
            case PERMISSION_DENIED -> SftpConstants.SSH_FX_PERMISSION_DENIED;
            case ALREADY_EXISTS -> SftpConstants.SSH_FX_FILE_ALREADY_EXISTS;
            case DIRECTORY_NOT_EMPTY -> SftpConstants.SSH_FX_DIR_NOT_EMPTY;
            case NOT_A_DIRECTORY -> SftpConstants.SSH_FX_NOT_A_DIRECTORY;
            case IS_A_DIRECTORY -> SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY;
            case INVALID_PATH -> SftpConstants.SSH_FX_INVALID_FILENAME;
            case INVALID_OFFSET -> SftpConstants.SSH_FX_INVALID_PARAMETER;
            case UNSUPPORTED_OPERATION -> SftpConstants.SSH_FX_OP_UNSUPPORTED;
            case BAD_REQUEST -> SftpConstants.SSH_FX_BAD_MESSAGE;
            default -> SftpConstants.SSH_FX_FAILURE;
        };
    }

    /** The status message: {@code <reason code>: <what the user can do>}. */
    public static String message(Reason reason) {
        return reason.code() + ": " + reason.userMessage();
    }

    /** Translates a storage refusal into the NIO exception type the SFTP subsystem expects, keeping the reason. */
    public static IOException toIOException(WharfException e, String path) {
        IOException io = switch (e.reason()) {
            case NOT_FOUND -> new NoSuchFileException(path, null, e.reason().code());
            case ALREADY_EXISTS -> new FileAlreadyExistsException(path, null, e.reason().code());
            case DIRECTORY_NOT_EMPTY -> new DirectoryNotEmptyException(path);
            case NOT_A_DIRECTORY -> new NotDirectoryException(path);
            case PERMISSION_DENIED -> new AccessDeniedException(path, null, e.reason().code());
            default -> new ReasonedIOException(e.reason(), path);
        };
        io.initCause(e);
        return io;
    }

    /** A refusal raised here in the gateway (not by storage) as an exception the SFTP subsystem reports. */
    public static IOException refuse(Reason reason, String path, String detail) {
        return toIOException(new WharfException(reason, detail), path);
    }

    /**
     * The reason behind any failure: a {@link WharfException} anywhere in the cause chain, else a best guess from
     * the exception type, else null (the library's own mapping then applies).
     */
    public static Reason reasonOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof WharfException w) {
                return w.reason();
            }
            if (c instanceof ReasonedIOException r) {
                return r.reason();
            }
            if (c == c.getCause()) {
                break;
            }
        }
        if (t instanceof UnsupportedOperationException) {
            return Reason.UNSUPPORTED_OPERATION;
        }
        if (t instanceof NoSuchFileException) {
            return Reason.NOT_FOUND;
        }
        if (t instanceof FileAlreadyExistsException) {
            return Reason.ALREADY_EXISTS;
        }
        if (t instanceof DirectoryNotEmptyException) {
            return Reason.DIRECTORY_NOT_EMPTY;
        }
        if (t instanceof NotDirectoryException) {
            return Reason.NOT_A_DIRECTORY;
        }
        if (t instanceof AccessDeniedException) {
            return Reason.PERMISSION_DENIED;
        }
        return null;
    }

    /** A file-system failure that carries a reason with no dedicated NIO exception type. */
    public static final class ReasonedIOException extends FileSystemException {
        private final transient Reason reason;

        public ReasonedIOException(Reason reason, String path) {
            super(path, null, reason.code());
            this.reason = reason;
        }

        public Reason reason() {
            return reason;
        }
    }
}
