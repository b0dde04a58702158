package dev.wharf.ftp.session;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

import java.util.Set;

/**
 * Refuses transfers over clear data connections in a TLS-secured session (RFC 4217 §9: reply 521): a session that
 * encrypted its password should not then send files in the clear because the client forgot PROT P.
 */
public final class DataProtectionFtplet extends DefaultFtplet {
    static final Set<String> TRANSFER_COMMANDS = Set.of("LIST", "NLST", "MLSD", "RETR", "STOR", "APPE", "STOU");

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException {
        if (TRANSFER_COMMANDS.contains(request.getCommand()) && session.isSecure()
                && !session.getDataConnection().isSecure()) {
            session.write(new DefaultFtpReply(521,
                    "Data connections must be protected: send PBSZ 0 and PROT P before transfers."));
            session.getDataConnection().closeDataConnection(); // frees the passive port the client opened
            return FtpletResult.SKIP;
        }
        return FtpletResult.DEFAULT;
    }
}
