package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.server.auth.keyboard.InteractiveChallenge;
import org.apache.sshd.server.auth.keyboard.KeyboardInteractiveAuthenticator;
import org.apache.sshd.server.session.ServerSession;

import java.util.List;

/**
 * Keyboard-interactive: a "Password:" prompt, plus a separate "Verification code:" prompt once identity said this
 * login needs a second factor (after a password or keyboard-interactive attempt in the same connection answered
 * second_factor_required). SSHD allows one round per attempt, and whether a user has 2FA is only known after
 * identity has seen the password; OpenSSH retries keyboard-interactive (NumberOfPasswordPrompts), so a 2FA user
 * is asked for the password, told a code is needed, then asked for both.
 */
public final class KeyboardInteractiveLogin implements KeyboardInteractiveAuthenticator {
    static final String PASSWORD_PROMPT = "Password: ";
    static final String CODE_PROMPT = "Verification code: ";

    private final LoginAttempt attempt;

    public KeyboardInteractiveLogin(LoginAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public InteractiveChallenge generateChallenge(ServerSession session, String username, String lang,
                                                  String subMethods) {
        SftpSession state = SftpSession.of(session);
        if (state == null) {
            return null;
        }
        InteractiveChallenge c = new InteractiveChallenge();
        c.setInteractionName("Wharf login");
        c.setLanguageTag("");
        c.addPrompt(PASSWORD_PROMPT, false);
        if (state.needsSecondFactor(username)) {
            c.setInteractionInstruction("Enter your password and the code from your authenticator app.");
            c.addPrompt(CODE_PROMPT, false);
        } else {
            c.setInteractionInstruction("");
        }
        return c;
    }

    @Override
    public boolean authenticate(ServerSession session, String username, List<String> responses) {
        SftpSession state = SftpSession.of(session);
        if (state == null || responses == null || responses.isEmpty() || responses.size() > 2) {
            return false;
        }
        String password = responses.get(0);
        String code = responses.size() == 2 ? blankToNull(responses.get(1)) : null;
        throw attempt.start(state, session, username, s -> state.login().login(s, null, username, password, code), reason -> {
            if (reason == Reason.SECOND_FACTOR_REQUIRED) {
                state.secondFactorRequired(username);
            }
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
