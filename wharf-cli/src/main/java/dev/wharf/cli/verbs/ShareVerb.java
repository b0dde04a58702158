package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.api.ApiException;
import dev.wharf.cli.args.OptionSpec;

import java.util.List;

/** {@code wharf share <user>}: what to hand over to a user to connect (host, port, user name, portal). */
final class ShareVerb {
    static final List<String> PROTOCOLS = List.of("sftp", "ftps", "ftps-implicit", "ftp");

    private ShareVerb() {
    }

    static VerbGroup group() {
        return VerbGroup.of("share", "sharing details of a user: host, port, user name, portal",
                Verb.tenant("share", "<user>", "print what to hand over to the user to connect (every protocol the"
                        + " user may use, or one)", ShareVerb::share, OptionSpec.value("protocol",
                        "sftp|ftps|ftps-implicit|ftp", "only this protocol")));
    }

    private static void share(Invocation in) {
        String user = in.arg(0);
        if (in.options().value("protocol").isPresent()) {
            String p = in.options().value("protocol").get();
            if (!PROTOCOLS.contains(p)) {
                throw CliException.usage("--protocol takes one of " + String.join(", ", PROTOCOLS) + ", not \"" + p
                        + "\"");
            }
            JsonNode s = sharing(in, user, p);
            if (in.out().jsonMode()) {
                in.out().json(s);
            } else {
                Sharing.print(in.out(), s, true);
            }
            return;
        }
        ArrayNode all = in.json().createArrayNode();
        ApiException lastRefusal = null;
        for (String p : PROTOCOLS) {
            try {
                all.add(sharing(in, user, p));
            } catch (ApiException e) {
                // a protocol the user or site does not allow answers 400/403; anything else is the real problem
                if (e.status() != 400 && e.status() != 403 || e.reason().equals("permission_denied")) {
                    throw e;
                }
                lastRefusal = e;
            }
        }
        if (all.isEmpty() && lastRefusal != null) {
            throw lastRefusal;
        }
        if (in.out().jsonMode()) {
            in.out().json(all);
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            if (i > 0) {
                in.out().say("");
            }
            Sharing.print(in.out(), all.get(i), true);
        }
    }

    private static JsonNode sharing(Invocation in, String user, String protocol) {
        return in.api().identity("GET", in.tenantPath("users", user, "sharing") + "?protocol=" + protocol, null);
    }
}
