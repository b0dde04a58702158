package dev.wharf.sftp.auth;

import dev.wharf.core.Reason;
import dev.wharf.core.login.LoginFlow;
import dev.wharf.sftp.session.SftpSession;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.signature.Signature;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKey;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;
import org.jboss.logging.Logger;

import java.security.PublicKey;
import java.util.concurrent.Semaphore;

/**
 * SSH public-key authentication against the keys identity-service holds, through the shared {@link LoginFlow}.
 *
 * <p>SSHD asks the {@link PublickeyAuthenticator} before it verifies the signature. So the authenticator only
 * screens the key (any plain key may be tried; certificates are not supported), and the login chain runs in
 * {@code verifySignature} once SSHD has checked the client's signature: only a client that proved it holds the
 * private key reaches identity-service.
 *
 * <p>SSHD 2.20 allows asynchronous authentication for password and keyboard-interactive only ("Async
 * authentication only allowed for password or keyboard-interactive authentication"), so a key login holds its SSHD
 * I/O thread while identity and policy answer. To keep the server responsive when the services are slow, at most
 * {@code permits} key logins wait at a time (fewer than SSHD's I/O threads); one more is refused at once as
 * service_unavailable, and the client may try again or fall back to another method.
 */
public final class PublicKeyLogin extends UserAuthPublicKeyFactory {
    private static final Logger LOG = Logger.getLogger(PublicKeyLogin.class);

    private final LoginAttempt attempt;
    private final Semaphore waiting;

    /** @param permits how many key logins may hold an SSHD I/O thread at once */
    public PublicKeyLogin(LoginAttempt attempt, int permits) {
        this.attempt = attempt;
        this.waiting = new Semaphore(Math.max(1, permits));
    }

    /** The key screen SSHD consults for both the "would you accept this key?" query and the signed request. */
    public static final PublickeyAuthenticator SCREEN = (username, key, session) ->
            !(key instanceof OpenSshCertificate) && SftpSession.of(session) != null;

    @Override
    public UserAuthPublicKey createUserAuth(ServerSession session) {
        return new VerifiedKeyAuth();
    }

    /** One public-key attempt: the login chain runs after SSHD verified the signature. */
    private final class VerifiedKeyAuth extends UserAuthPublicKey {
        VerifiedKeyAuth() {
            super(PublicKeyLogin.this.getSignatureFactories());
        }

        @Override
        protected boolean verifySignature(ServerSession session, String username, String alg, PublicKey key,
                                          Buffer buffer, Signature verifier, byte[] sig) throws Exception {
            if (!super.verifySignature(session, username, alg, key, buffer, verifier, sig)) {
                return false;
            }
            SftpSession state = SftpSession.of(session);
            if (state == null) {
                return false;
            }
            String line = PublicKeyEntry.toString(key);
            if (!waiting.tryAcquire()) {
                LOG.warnf("%s: public-key login refused, reason=%s: too many key logins waiting for the services",
                        state.gateway(), Reason.SERVICE_UNAVAILABLE.code());
                return false;
            }
            try {
                return attempt.await(state, session, username, s -> state.login().loginWithPublicKey(s, null, username, line), r -> {
                });
            } finally {
                waiting.release();
            }
        }
    }
}
