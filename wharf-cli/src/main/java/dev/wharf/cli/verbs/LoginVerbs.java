package dev.wharf.cli.verbs;

import dev.wharf.cli.api.DeviceLogin;

import java.time.Clock;

/**
 * {@code wharf login} and {@code wharf logout}: a sign-in through the browser (device authorization grant), kept
 * for later commands, for administrators whose realm asks for more than a password (TOTP, required actions).
 */
final class LoginVerbs {
    private LoginVerbs() {
    }

    static VerbGroup login() {
        return VerbGroup.of("login", "sign in through the browser (2FA included) and keep the sign-in",
                Verb.global("login", "", "print an address to open in a browser, wait for the sign-in there, and"
                        + " keep its tokens (readable by you only) for the next commands; --realm <tenant> for a"
                        + " tenant's administrators", LoginVerbs::login));
    }

    static VerbGroup logout() {
        return VerbGroup.of("logout", "end the browser sign-in and forget its tokens",
                Verb.global("logout", "", "revoke the kept sign-in at Keycloak and delete it", LoginVerbs::logout));
    }

    private static void login(Invocation in) {
        String who = new DeviceLogin(in.connection(), in.json(), Clock.systemUTC()).login(in.out()::notice);
        in.out().say("signed in as " + who + " at realm " + in.connection().signInRealm());
    }

    private static void logout(Invocation in) {
        boolean was = new DeviceLogin(in.connection(), in.json(), Clock.systemUTC()).logout();
        in.out().say(was ? "signed out" : "not signed in through the browser: nothing to forget");
    }
}
