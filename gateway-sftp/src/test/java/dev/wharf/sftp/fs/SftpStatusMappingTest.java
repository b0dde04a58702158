package dev.wharf.sftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import org.apache.sshd.sftp.common.SftpConstants;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SftpStatusMappingTest {
    @Test
    void fileReasonsMapToTheirSftpStatus() {
        assertEquals(SftpConstants.SSH_FX_NO_SUCH_FILE, SftpStatusMapping.status(Reason.NOT_FOUND));
        assertEquals(SftpConstants.SSH_FX_PERMISSION_DENIED, SftpStatusMapping.status(Reason.PERMISSION_DENIED));
        assertEquals(SftpConstants.SSH_FX_FILE_ALREADY_EXISTS, SftpStatusMapping.status(Reason.ALREADY_EXISTS));
        assertEquals(SftpConstants.SSH_FX_DIR_NOT_EMPTY, SftpStatusMapping.status(Reason.DIRECTORY_NOT_EMPTY));
        assertEquals(SftpConstants.SSH_FX_NOT_A_DIRECTORY, SftpStatusMapping.status(Reason.NOT_A_DIRECTORY));
        assertEquals(SftpConstants.SSH_FX_FILE_IS_A_DIRECTORY, SftpStatusMapping.status(Reason.IS_A_DIRECTORY));
        assertEquals(SftpConstants.SSH_FX_INVALID_FILENAME, SftpStatusMapping.status(Reason.INVALID_PATH));
        assertEquals(SftpConstants.SSH_FX_OP_UNSUPPORTED, SftpStatusMapping.status(Reason.UNSUPPORTED_OPERATION));
        assertEquals(SftpConstants.SSH_FX_FAILURE, SftpStatusMapping.status(Reason.SERVICE_UNAVAILABLE));
    }

    @Test
    void storageRefusalsBecomeTheNioExceptionsTheSubsystemExpectsAndKeepTheirReason() {
        IOException nf = SftpStatusMapping.toIOException(new WharfException(Reason.NOT_FOUND, "x"), "/a");
        assertInstanceOf(NoSuchFileException.class, nf);
        assertEquals(Reason.NOT_FOUND, SftpStatusMapping.reasonOf(nf));
        assertInstanceOf(FileAlreadyExistsException.class,
                SftpStatusMapping.toIOException(new WharfException(Reason.ALREADY_EXISTS, null), "/a"));
        assertInstanceOf(DirectoryNotEmptyException.class,
                SftpStatusMapping.toIOException(new WharfException(Reason.DIRECTORY_NOT_EMPTY, null), "/a"));
        IOException down = SftpStatusMapping.toIOException(new WharfException(Reason.SERVICE_UNAVAILABLE, null), "/a");
        assertEquals(Reason.SERVICE_UNAVAILABLE, SftpStatusMapping.reasonOf(down));
        assertEquals(Reason.UNSUPPORTED_OPERATION, SftpStatusMapping.reasonOf(new UnsupportedOperationException()));
    }

    @Test
    void theStatusMessageStartsWithTheReasonCode() {
        String m = SftpStatusMapping.message(Reason.DIRECTORY_NOT_EMPTY);
        assertTrue(m.startsWith("directory_not_empty: "), m);
        assertTrue(m.endsWith(Reason.DIRECTORY_NOT_EMPTY.userMessage()), m);
    }
}
