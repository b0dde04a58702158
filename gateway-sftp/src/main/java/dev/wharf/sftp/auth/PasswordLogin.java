package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.session.ServerSession;

/**
 * SSH password authentication through the shared {@link LoginFlow}; a TOTP code may be appended to the password.
 * When identity answers second_factor_required the session remembers it, so keyboard-interactive then asks for
 * the code separately.
 */
public final class PasswordLogin implements PasswordAuthenticator {
    private final LoginAttempt attempt;

    public PasswordLogin(LoginAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        SftpSession state = SftpSession.of(session);
        if (state == null) {
            return false;
        }
        throw attempt.start(state, session, username, s -> state.login().login(s, null, username, password, null), reason -> {
            if (reason == Reason.SECOND_FACTOR_REQUIRED) {
                state.secondFactorRequired(username);
            }
        });
    }
}
