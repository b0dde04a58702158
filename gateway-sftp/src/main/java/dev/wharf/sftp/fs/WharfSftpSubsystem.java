package dev.wharf.sftp.fs;

import dev.wharf.api.trace.SessionTracer;
import dev.wharf.core.Reason;
import dev.wharf.core.session.SessionLog;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.digest.Digest;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpSubsystem;
import org.apache.sshd.sftp.server.SftpSubsystemConfigurator;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * The SFTP subsystem with Wharf's hash answers: {@code check-file-name}/{@code check-file-handle} for a whole file
 * with SHA-256 is answered from the SHA-256 storage computed at upload (no re-read of the object); any other hash
 * request (another algorithm, a range, per-block hashes, {@code md5-hash}) would have to download the file through
 * the gateway and is refused with unsupported_operation. The draft's {@code check-file} (paramiko) is served as
 * {@code check-file-handle}.
 */
public final class WharfSftpSubsystem extends SftpSubsystem {
    private static final String SHA256 = BuiltinDigests.sha256.getName();

    WharfSftpSubsystem(ChannelSession channel, SftpSubsystemConfigurator configurator) {
        super(channel, configurator);
    }

    /** Creates {@link WharfSftpSubsystem}s with the registered event listeners, as the base factory does. */
    public static final class Factory extends SftpSubsystemFactory {
        @Override
        public Command createSubsystem(ChannelSession channel) throws IOException {
            WharfSftpSubsystem subsystem = new WharfSftpSubsystem(channel, this);
            getRegisteredListeners().forEach(subsystem::addSftpEventListener);
            return subsystem;
        }
    }

    /** Each request runs in its session's logging context, and each but READ and WRITE in a span ({@code SFTP OPEN}). */
    @Override
    protected void doProcess(Buffer buffer, int length, int type, int id) throws IOException {
        SftpSession state = SftpSession.of(getServerSession());
        if (state == null) {
            super.doProcess(buffer, length, type, id);
            return;
        }
        if (type == SftpConstants.SSH_FXP_READ || type == SftpConstants.SSH_FXP_WRITE) {
            // a span per 32 KiB block would be thousands per file: the block's bytes go to the request OPEN started
            try (SessionLog.Entered ignored = SessionLog.enter(state.gateway())) {
                super.doProcess(buffer, length, type, id);
            }
            return;
        }
        String name = SftpConstants.getCommandMessageName(type);
        try (SessionTracer.Event ignored = state.trace("SFTP " + (name.startsWith("SSH_FXP_")
                ? name.substring("SSH_FXP_".length()) : name))) {
            super.doProcess(buffer, length, type, id);
        }
    }

    /**
     * SSHD refuses a handle past {@code MAX_OPEN_HANDLES_PER_SESSION} with a status clients of version 3 do not
     * know (no space on file system); the refusal is {@code limit_reached}, {@code SSH_FX_FAILURE}, with a message
     * that says what to do.
     */
    @Override
    protected String generateFileHandle(Path file) throws IOException {
        if (handles.size() >= maxHandleCount) {
            throw SftpStatusMapping.refuse(Reason.LIMIT_REACHED, file.toString(),
                    handles.size() + " handles open in this channel, at most " + maxHandleCount);
        }
        return super.generateFileHandle(file);
    }

    /** paramiko asks with the draft's original name {@code check-file} (a handle), which SSHD does not know. */
    @Override
    protected void executeExtendedCommand(Buffer buffer, int id, String extension) throws IOException {
        if (SftpConstants.EXT_CHECK_FILE.equals(extension)) {
            doCheckFileHash(buffer, id, SftpConstants.EXT_CHECK_FILE_HANDLE);
            return;
        }
        super.executeExtendedCommand(buffer, id, extension);
    }

    @Override
    protected void doCheckFileHash(int id, String targetType, String target, Collection<String> algos,
                                   long startOffset, long length, int blockSize, Buffer buffer) throws Exception {
        // the base class picks the first algorithm of the client's list it knows; SHA-256 is the one we can answer
        List<String> ordered = new ArrayList<>(algos);
        if (ordered.remove(SHA256)) {
            ordered.addFirst(SHA256);
        }
        super.doCheckFileHash(id, targetType, target, ordered, startOffset, length, blockSize, buffer);
    }

    @Override
    protected void doCheckFileHash(int id, Path file, NamedFactory<? extends Digest> factory, long startOffset,
                                   long length, int blockSize, Buffer buffer) throws Exception {
        String where = file.toString();
        if (!SHA256.equals(factory.getName())) {
            throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, where,
                    "only sha256 of whole files is offered, not " + factory.getName());
        }
        if (!(file instanceof WharfPath p)) {
            throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, where, "not a Wharf path");
        }
        FileInfo info = p.getFileSystem().provider().stat(p);
        if (info.directory()) {
            throw SftpStatusMapping.refuse(Reason.IS_A_DIRECTORY, where, "check-file on a folder");
        }
        boolean wholeFile = startOffset == 0 && (length == 0 || length >= info.size())
                && (blockSize == 0 || blockSize >= info.size());
        if (!wholeFile) {
            throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, where,
                    "hashes of ranges or blocks are not offered: ask for the whole file");
        }
        if (info.sha256() == null || info.sha256().length() != 64) {
            throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, where, "storage holds no SHA-256 of this file");
        }
        buffer.putString(SHA256);
        // draft-ietf-secsh-filexfer-extensions-00 section 3: the hash bytes follow without a length (paramiko and
        // WinSCP read them so); SSHD's own implementation and client put a length before each hash
        buffer.putRawBytes(HexFormat.of().parseHex(info.sha256()));
    }

    @Override
    protected byte[] doMD5Hash(int id, String targetType, String target, long startOffset, long length,
                               byte[] quickCheckHash) throws Exception {
        throw SftpStatusMapping.refuse(Reason.UNSUPPORTED_OPERATION, target,
                "md5-hash would re-read the file: use check-file with sha256");
    }
}
