package dev.wharf.ftp.listing;

import org.apache.ftpserver.command.AbstractCommand;
import org.apache.ftpserver.command.Command;
import org.apache.ftpserver.command.impl.listing.ListArgument;
import org.apache.ftpserver.command.impl.listing.ListArgumentParser;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.impl.DefaultFtpRequest;
import org.apache.ftpserver.impl.FtpIoSession;
import org.apache.ftpserver.impl.FtpServerContext;

import java.io.IOException;

/**
 * LIST, NLST, MLSD and STAT with our wildcard matcher: a pattern in the last path segment ({@code LIST -l a*b}) is
 * taken out of the argument, so the library lists the folder without its exponential matcher, and the folder's
 * entries are filtered by {@link Glob} instead ({@link ListingFilter}, read by the file system view).
 */
public final class ListingCommand extends AbstractCommand {
    private final Command library;

    public ListingCommand(Command library) {
        this.library = library;
    }

    @Override
    public void execute(FtpIoSession session, FtpServerContext context, FtpRequest request)
            throws IOException, FtpException {
        String argument = request.getArgument();
        if (argument == null || !Glob.isPattern(argument)) {
            library.execute(session, context, request);
            return;
        }
        ListArgument parsed;
        try {
            parsed = ListArgumentParser.parse(argument);
        } catch (IllegalArgumentException e) {
            library.execute(session, context, request); // the library answers a pattern in a folder name
            return;
        }
        if (parsed.getPattern() == null) {
            library.execute(session, context, request);
            return;
        }
        String options = parsed.getOptions().length == 0 ? "" : "-" + new String(parsed.getOptions()) + " ";
        FtpRequest folderOnly = new DefaultFtpRequest(request.getCommand() + " " + options + parsed.getFile());
        ListingFilter.run(Glob.compile(parsed.getPattern()), () -> library.execute(session, context, folderOnly));
    }
}
