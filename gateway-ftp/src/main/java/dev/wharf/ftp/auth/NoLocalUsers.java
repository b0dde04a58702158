package dev.wharf.ftp.auth;

import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;

/**
 * The library's user manager, emptied: users live in Keycloak and are checked by {@link PassCommand} through
 * identity-service. Without this the library would read a users.properties file.
 */
public final class NoLocalUsers implements UserManager {
    @Override
    public User getUserByName(String username) {
        return null;
    }

    @Override
    public String[] getAllUserNames() {
        return new String[0];
    }

    @Override
    public void delete(String username) {
        throw new UnsupportedOperationException("users are managed in identity-service");
    }

    @Override
    public void save(User user) {
        throw new UnsupportedOperationException("users are managed in identity-service");
    }

    @Override
    public boolean doesExist(String username) {
        return false;
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        throw new AuthenticationFailedException("local users are disabled");
    }

    @Override
    public String getAdminName() {
        return null;
    }

    @Override
    public boolean isAdmin(String username) {
        return false;
    }
}
