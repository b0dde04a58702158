package dev.wharf.ftp.server;

import dev.wharf.ftp.fs.HashCommand;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.impl.OPTS;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

import java.io.IOException;
import java.util.Locale;

/**
 * OPTS with {@code OPTS HASH [algorithm]} (draft-bryan-ftpext-hash) added; the library keeps its sub-options in a
 * private map, so every other OPTS goes to the library's command.
 */
final class OptsCommand extends AbstractCommand {
    private final OPTS library = new OPTS();

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws IOException, FtpException {
        String arg = request.getArgument() == null ? "" : request.getArgument().trim();
        String[] parts = arg.split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("HASH")) {
            library.execute(session, context, request);
            return;
        }
        session.resetState();
        if (parts.length == 1 || parts[1].trim().toUpperCase(Locale.ROOT).equals(HashCommand.ALGORITHM)) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_200_COMMAND_OKAY, HashCommand.ALGORITHM));
        } else {
            // the algorithm name is not echoed: it is client input and may hold control characters
            session.write(new DefaultFtpReply(FtpReply.REPLY_504_COMMAND_NOT_IMPLEMENTED_FOR_THAT_PARAMETER,
                    "Unknown or unsupported hash algorithm: only " + HashCommand.ALGORITHM + " is supported."));
        }
    }
}
