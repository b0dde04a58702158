package dev.wharf.ftp.fs;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.Upload;
import dev.wharf.ftp.listing.ListingFilter;
import org.apache.ftpserver.ftplet.FtpFile;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * A file or folder as the FTP library sees it, at a client-view path (rooted at the home folder). Metadata is
 * fetched at most once per instance (one stat per file): entries of a listing come with theirs already.
 *
 * <p>The home folder itself always exists for the client, even before storage has anything under it.
 */
public final class WharfFtpFile implements FtpFile {
    private static final Logger LOG = Logger.getLogger(WharfFtpFile.class);

    private final FileOperations files;
    private final String path;
    private FileInfo info;
    private boolean looked;
    private Reason lookupFailure;

    WharfFtpFile(FileOperations files, String path, FileInfo known) {
        this.files = files;
        this.path = path;
        this.info = known;
        this.looked = known != null;
    }

    private FileInfo info() {
        if (!looked) {
            looked = true;
            try {
                info = files.stat(path);
            } catch (WharfException e) {
                lookupFailure = e.reason();
                // a missing home folder is answered as an empty one by FileOperations
                if (e.reason() != Reason.NOT_FOUND) {
                    LOG.warnf("%s: stat %s failed, reason=%s", files.session(), VirtualPaths.printable(path),
                            e.reason().code());
                }
            }
        }
        return info;
    }

    /** Why the metadata could not be read (not_found, service_unavailable...), or null. */
    Reason lookupFailure() {
        info();
        return lookupFailure;
    }

    boolean isRoot() {
        return path.equals("/");
    }

    @Override
    public String getAbsolutePath() {
        return path;
    }

    @Override
    public String getName() {
        return isRoot() ? "/" : VirtualPaths.name(path);
    }

    @Override
    public boolean isHidden() {
        return false;
    }

    @Override
    public boolean isDirectory() {
        FileInfo i = info();
        return i != null && i.directory();
    }

    @Override
    public boolean isFile() {
        FileInfo i = info();
        return i != null && !i.directory();
    }

    @Override
    public boolean doesExist() {
        return info() != null;
    }

    @Override
    public boolean isReadable() {
        return doesExist();
    }

    /** Always true: storage-service and policy decide, and their refusal reaches the client with its reason. */
    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isRemovable() {
        return !isRoot();
    }

    @Override
    public String getOwnerName() {
        String user = files.session().username();
        return user == null ? "ftp" : user;
    }

    @Override
    public String getGroupName() {
        String tenant = files.session().tenant();
        return tenant == null ? "ftp" : tenant;
    }

    @Override
    public int getLinkCount() {
        return isDirectory() ? 2 : 1;
    }

    @Override
    public long getLastModified() {
        FileInfo i = info();
        return i == null || i.modified() == null ? 0 : i.modified().toEpochMilli();
    }

    @Override
    public boolean setLastModified(long time) {
        try {
            files.setModified(path, Instant.ofEpochMilli(time));
            looked = false;
            return true;
        } catch (WharfException e) {
            LOG.infof("%s: set modified %s refused, reason=%s", files.session(), VirtualPaths.printable(path),
                    e.reason().code());
            return false;
        }
    }

    @Override
    public long getSize() {
        FileInfo i = info();
        return i == null ? 0 : i.size();
    }

    @Override
    public Object getPhysicalFile() {
        return null; // nothing on local disk: the bytes live in storage-service
    }

    @Override
    public boolean mkdir() {
        return attempt(() -> files.mkdir(path));
    }

    @Override
    public boolean delete() {
        return attempt(() -> files.delete(path));
    }

    @Override
    public boolean move(FtpFile destination) {
        return attempt(() -> files.rename(path, destination.getAbsolutePath()));
    }

    private boolean attempt(Runnable operation) {
        try {
            operation.run();
            return true;
        } catch (WharfException e) {
            LOG.infof("%s: operation on %s refused, reason=%s", files.session(), VirtualPaths.printable(path),
                    e.reason().code());
            return false;
        }
    }

    /** The folder's entries, each with its metadata (FileOperations lists a home not yet stored as empty). */
    @Override
    public List<? extends FtpFile> listFiles() {
        // a wildcard of the running LIST/NLST/MLSD/STAT is matched here, in linear time (ListingCommand)
        return files.list(path).stream()
                .map(f -> new WharfFtpFile(files, f.path(), f))
                .filter(f -> ListingFilter.accepts(f.getName()))
                .toList();
    }

    /** Not used by the gateway's STOR and APPE, which call {@link #openUpload} to be able to abort. */
    @Override
    public Upload createOutputStream(long offset) throws IOException {
        return openUpload(offset, false);
    }

    /** Starts an upload that stores nothing until committed. */
    public Upload openUpload(long offset, boolean append) throws IOException {
        try {
            return files.openWrite(path, offset, append);
        } catch (WharfException e) {
            throw new FileOperationException(e);
        }
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        try {
            return files.openRead(path, offset);
        } catch (WharfException e) {
            throw new FileOperationException(e);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
