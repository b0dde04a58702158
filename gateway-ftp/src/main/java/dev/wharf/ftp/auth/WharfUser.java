package dev.wharf.ftp.auth;

import dev.wharf.core.files.FileOperations;
import dev.wharf.core.identity.Principal;
import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;

import java.util.List;

/**
 * The library's view of a logged-in principal. It grants every library-level request: who may do what is decided
 * by policy-service at login and by storage-service per operation, not by MINA authorities.
 */
public final class WharfUser implements User {
    private final Principal principal;
    private final FileOperations files;

    public WharfUser(Principal principal, FileOperations files) {
        this.principal = principal;
        this.files = files;
    }

    public Principal principal() {
        return principal;
    }

    /** The session's file operations (home folder confinement, storage, audit). */
    public FileOperations files() {
        return files;
    }

    @Override
    public String getName() {
        return principal.username();
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public List<? extends Authority> getAuthorities() {
        return List.of();
    }

    @Override
    public List<? extends Authority> getAuthorities(Class<? extends Authority> type) {
        return List.of();
    }

    @Override
    public AuthorizationRequest authorize(AuthorizationRequest request) {
        // a returned request means "allowed"; a TransferRateRequest left at 0 means "no rate limit"
        return request;
    }

    @Override
    public int getMaxIdleTime() {
        return 0; // no per-user limit: the listener's idle timeout applies
    }

    @Override
    public boolean getEnabled() {
        return true;
    }

    @Override
    public String getHomeDirectory() {
        return "/";
    }
}
