package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.cli.output.Printer;
import dev.wharf.cli.output.Table;

import java.util.ArrayList;
import java.util.List;

/** Prints sharing details the way hosted services show them: what to hand over to the user. */
final class Sharing {
    private Sharing() {
    }

    /** One protocol's details; with {@code instructions}, the service's hand-over text too (wrapped). */
    static void print(Printer out, JsonNode s, boolean instructions) {
        out.say("Connect with " + label(s.path("protocol").asText()) + ":");
        out.say("  host:       " + Table.text(s.path("host")));
        out.say("  port:       " + Table.text(s.path("port")));
        out.say("  user name:  " + Table.text(s.path("username")));
        out.say("  portal:     " + Table.text(s.path("portalUrl")) + "   (change the password, set up 2FA)");
        if (instructions && s.hasNonNull("instructions") && !s.path("instructions").asText().isBlank()) {
            out.say("  to hand over:");
            wrap(s.path("instructions").asText(), 96).forEach(l -> out.say("    " + l));
        }
    }

    /** Words of {@code text} in lines of at most {@code width} characters (a longer word gets its own line). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n")) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split("\\s+")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.length() > 0 ? " " : "").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    static String label(String protocol) {
        return switch (protocol) {
            case "sftp" -> "SFTP";
            case "ftps" -> "FTPS (explicit TLS, AUTH TLS)";
            case "ftps-implicit" -> "FTPS (implicit TLS)";
            case "ftp" -> "FTP (unencrypted)";
            default -> protocol;
        };
    }
}
