package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.wharf.cli.CliException;
import dev.wharf.cli.output.Column;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code wharf sshkey ...}: a user's SSH public keys (SFTP logins without password). */
final class SshKeyVerbs {
    static final List<Column> COLUMNS = List.of(Column.of("id", "id"), Column.of("type", "type"),
            Column.of("bits", "bits"), Column.of("fingerprint", "fingerprint"), Column.of("comment", "comment"));

    private SshKeyVerbs() {
    }

    static VerbGroup group() {
        return VerbGroup.of("sshkey", "SSH public keys of a user",
                Verb.tenant("add", "<user> <file|->", "add the OpenSSH public key(s) in a file (one per line, as"
                        + " authorized_keys), or from standard input with -", SshKeyVerbs::add),
                Verb.tenant("list", "<user>", "list a user's keys with their SHA256 fingerprints", in ->
                        in.out().table(COLUMNS, in.api().identity("GET", in.tenantPath("users", in.arg(0), "sshkeys"),
                                null))),
                Verb.tenant("remove", "<user> <id|fingerprint>", "remove a key (by the id of sshkey list, or its"
                        + " SHA256:... fingerprint)", in -> {
                    in.api().identity("DELETE", in.tenantPath("users", in.arg(0), "sshkeys", keyId(in.arg(1))), null);
                    in.out().say("removed SSH key " + in.arg(1) + " of " + in.arg(0));
                }));
    }

    private static void add(Invocation in) {
        String source = in.arg(1);
        String text;
        if (source.equals("-")) {
            text = in.readStdin();
        } else {
            try {
                text = Files.readString(Path.of(source), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw CliException.usage("cannot read the key file " + source + " (" + e.getClass().getSimpleName()
                        + ")", "give the path of a public key such as ~/.ssh/id_ed25519.pub, or - for standard input");
            }
        }
        List<String> keys = keyLines(text);
        if (keys.isEmpty()) {
            throw CliException.usage("no public key in " + (source.equals("-") ? "standard input" : source),
                    "a key is one line such as: ssh-ed25519 AAAA... comment");
        }
        ArrayNode added = in.json().createArrayNode();
        for (String key : keys) {
            added.add(in.api().identity("POST", in.tenantPath("users", in.arg(0), "sshkeys"),
                    in.object().put("publicKey", key)));
        }
        if (in.out().jsonMode()) {
            in.out().json(added.size() == 1 ? added.get(0) : added);
            return;
        }
        in.out().say("added " + added.size() + " SSH key" + (added.size() == 1 ? "" : "s") + " to " + in.arg(0));
        in.out().table(COLUMNS, added);
    }

    /** The key lines of an authorized_keys-like text: no blank lines, no comments. */
    static List<String> keyLines(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** The path id of a key: as given, or from a {@code SHA256:} fingerprint (standard to URL-safe base64). */
    static String keyId(String idOrFingerprint) {
        if (!idOrFingerprint.startsWith("SHA256:")) {
            return idOrFingerprint;
        }
        return idOrFingerprint.substring("SHA256:".length()).replace('+', '-').replace('/', '_').replace("=", "");
    }

}
