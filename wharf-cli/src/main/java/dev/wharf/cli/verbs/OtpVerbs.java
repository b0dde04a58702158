package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.args.OptionSpec;
import dev.wharf.cli.qr.TerminalQr;

/** {@code wharf otp ...}: a user's second factor (TOTP). */
final class OtpVerbs {
    private OtpVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("otp", "a user's second factor (TOTP, authenticator apps)",
                Verb.tenant("enrol", "<user>", "enrol TOTP: prints the secret, the otpauth:// URI and a QR code (once)",
                        OtpVerbs::enrol, OptionSpec.flag("light-terminal",
                                "draw the QR code for a terminal with a light background")),
                Verb.tenant("remove", "<user>", "remove the user's second factor (a lost phone)", in -> {
                    in.api().identity("DELETE", in.tenantPath("users", in.arg(0), "otp"), null);
                    in.out().say("second factor of " + in.arg(0) + " removed: password logins need no code now");
                }));
    }

    private static void enrol(Invocation in) {
        String user = in.arg(0);
        JsonNode answer = in.api().identity("POST", in.tenantPath("users", user, "otp"), null);
        if (in.out().jsonMode()) {
            in.out().json(answer);
            return;
        }
        String uri = answer.path("otpauthUri").asText();
        in.out().say("second factor enrolled for " + user + " (shown once: hand it over now)");
        in.out().say("secret: " + answer.path("secret").asText());
        in.out().say("URI:    " + uri);
        if (!uri.isEmpty()) {
            in.out().say("");
            in.out().raw(TerminalQr.render(TerminalQr.encode(uri), in.options().has("light-terminal")));
            in.out().say("");
        }
        in.out().say("Scan the code with an authenticator app (or type the secret). From now on " + user
                + " logs in with the password followed by the 6-digit code (or enters the code when the client asks).");
    }
}
