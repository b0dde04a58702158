package dev.wharf.ftp.data;

import dev.wharf.core.Reason;
import dev.wharf.core.audit.SessionAudit;
import dev.wharf.core.session.GatewaySession;
import dev.wharf.edge.address.Addresses;
import dev.wharf.ftp.session.ClientAddress;
import dev.wharf.ftp.session.FtpSessions;
import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PORT and EPRT (active mode): refused after EPSV ALL, when the operator turned active mode off on this gateway, or
 * when the session's tenant has not turned it on (its site setting, carried by policy-service's login decision);
 * and only towards the client's own real address and an unprivileged port, so the server cannot be used to connect
 * to third hosts (FTP bounce).
 */
public final class ActiveCommand extends AbstractCommand {
    private static final Logger LOG = Logger.getLogger(ActiveCommand.class);
    private static final Pattern PORT = Pattern.compile("(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3}),(\\d{1,3})");
    private static final Pattern EPRT = Pattern.compile("\\|([12])\\|([0-9A-Fa-f:.]{2,45})\\|(\\d{1,5})\\|");

    private final boolean extended;
    private final DataSettings settings;
    private final SessionAudit audit;

    private ActiveCommand(boolean extended, DataSettings settings, SessionAudit audit) {
        this.extended = extended;
        this.settings = settings;
        this.audit = audit;
    }

    public static ActiveCommand port(DataSettings settings, SessionAudit audit) {
        return new ActiveCommand(false, settings, audit);
    }

    public static ActiveCommand eprt(DataSettings settings, SessionAudit audit) {
        return new ActiveCommand(true, settings, audit);
    }

    static DefaultFtpReply epsvAllRefusal(String command) {
        return new DefaultFtpReply(FtpReply.REPLY_503_BAD_SEQUENCE_OF_COMMANDS,
                command + " refused: EPSV ALL was sent, only EPSV may set up data connections now.");
    }

    static DefaultFtpReply drainingRefusal() {
        return new DefaultFtpReply(FtpReply.REPLY_425_CANT_OPEN_DATA_CONNECTION,
                "The server is shutting down: no new transfers. Reconnect in a moment.");
    }

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request) {
        String name = extended ? "EPRT" : "PORT";
        session.resetState();
        if (DataConnections.epsvAll(session)) {
            session.write(epsvAllRefusal(name));
            return;
        }
        GatewaySession gs = FtpSessions.of(session);
        if (!settings.activeEnabled()) {
            refuseActiveMode(session, gs, name, "the gateway's operator switched it off",
                    "Active mode (PORT/EPRT) is disabled on this server: use passive mode (PASV/EPSV).");
            return;
        }
        if (gs == null || !gs.activeFtp()) {
            refuseActiveMode(session, gs, name, "the site has not turned it on",
                    Reason.ACTIVE_MODE_DISABLED.userMessage());
            return;
        }
        InetSocketAddress target = parse(request.getArgument());
        if (target == null) {
            session.write(new DefaultFtpReply(FtpReply.REPLY_501_SYNTAX_ERROR_IN_PARAMETERS_OR_ARGUMENTS,
                    extended ? "EPRT needs |1|address|port| or |2|address|port|."
                            : "PORT needs h1,h2,h3,h4,p1,p2."));
            return;
        }
        InetAddress client = ClientAddress.addressOf(session);
        if (!target.getAddress().equals(client) || target.getPort() < 1024) {
            String why = !target.getAddress().equals(client)
                    ? "it names another address than yours (" + (client == null ? "?" : client.getHostAddress()) + ")"
                    : "it names a privileged port (below 1024)";
            LOG.warnf("%s: %s refused (FTP bounce): %s, reason=%s", gs, name, why, Reason.PERMISSION_DENIED.code());
            if (gs != null) {
                audit.policyDenied(gs, gs.username(), Reason.PERMISSION_DENIED, "active-data-connection");
            }
            session.write(new DefaultFtpReply(FtpReply.REPLY_504_COMMAND_NOT_IMPLEMENTED_FOR_THAT_PARAMETER,
                    name + " refused: " + why + ". Data connections go only to your own address."));
            return;
        }
        if (settings.transfers().draining()) {
            session.write(drainingRefusal());
            return;
        }
        DataConnections.of(session, context, settings).initActiveDataConnection(target);
        session.write(new DefaultFtpReply(FtpReply.REPLY_200_COMMAND_OKAY, name + " command successful."));
    }

    /**
     * 502 {@code active_mode_disabled}, logged and audited alike whether the operator's switch or the tenant's
     * setting refused it ({@code why} tells the log which); the reply says what the client can do.
     */
    private void refuseActiveMode(FtpIoSession session, GatewaySession gs, String command, String why,
                                  String reply) {
        Reason reason = Reason.ACTIVE_MODE_DISABLED;
        LOG.infof("%s: %s refused: %s, reason=%s", gs, command, why, reason.code());
        if (gs != null) {
            audit.policyDenied(gs, gs.username(), reason, "active-data-connection");
        }
        session.write(new DefaultFtpReply(FtpReply.REPLY_502_COMMAND_NOT_IMPLEMENTED, reply));
    }

    private InetSocketAddress parse(String argument) {
        if (argument == null) {
            return null;
        }
        String arg = argument.trim();
        try {
            if (extended) {
                Matcher m = EPRT.matcher(arg);
                if (!m.matches()) {
                    return null;
                }
                String host = m.group(2);
                boolean v4 = "1".equals(m.group(1));
                // wharf-edge's literal syntax (never a name lookup), of the family EPRT names
                if (v4 == host.contains(":") || !Addresses.isAddress(host) || host.contains("%")) {
                    return null;
                }
                int port = Integer.parseInt(m.group(3));
                return port < 1 || port > 65535 ? null : new InetSocketAddress(Addresses.parse(host), port);
            }
            Matcher m = PORT.matcher(arg);
            if (!m.matches()) {
                return null;
            }
            byte[] address = new byte[4];
            for (int i = 0; i < 4; i++) {
                int b = Integer.parseInt(m.group(i + 1));
                if (b > 255) {
                    return null;
                }
                address[i] = (byte) b;
            }
            int hi = Integer.parseInt(m.group(5));
            int lo = Integer.parseInt(m.group(6));
            if (hi > 255 || lo > 255) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByAddress(address), hi * 256 + lo);
        } catch (UnknownHostException | NumberFormatException e) {
            return null;
        }
    }
}
