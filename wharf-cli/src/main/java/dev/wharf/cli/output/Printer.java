package dev.wharf.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintStream;
import java.util.List;

/**
 * Where a verb's result goes: human text by default, the API's JSON with {@code --json}. In JSON mode the human
 * messages are dropped, so standard output is exactly one JSON document (or nothing for a change without answer).
 */
public final class Printer {
    private final PrintStream out;
    private final boolean jsonMode;
    private final ObjectMapper json;

    public Printer(PrintStream out, boolean jsonMode, ObjectMapper json) {
        this.out = out;
        this.jsonMode = jsonMode;
        this.json = json;
    }

    public boolean jsonMode() {
        return jsonMode;
    }

    /** A list: a table, or the JSON array. */
    public void table(List<Column> columns, JsonNode rows) {
        if (jsonMode) {
            json(rows);
        } else if (rows.isEmpty()) {
            out.println("(none)");
        } else {
            out.print(Table.render(columns, rows));
        }
    }

    /** One object: labelled lines, or the JSON object. */
    public void record(List<Column> fields, JsonNode object) {
        if (jsonMode) {
            json(object);
        } else {
            out.print(Table.record(fields, object));
        }
    }

    /** The JSON document, pretty-printed (in JSON mode only; human mode prints it as well, for odd answers). */
    public void json(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return;
        }
        try {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON document on one line (JSON Lines: a stream of events, one document each). */
    public void jsonLine(JsonNode node) {
        try {
            out.println(json.writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A line the user must read to go on (where to sign in), printed in JSON mode too. */
    public void notice(String line) {
        out.println(line);
    }

    /** A human line; nothing in JSON mode. */
    public void say(String line) {
        if (!jsonMode) {
            out.println(line);
        }
    }

    /** Raw human text (a QR code); nothing in JSON mode. */
    public void raw(String text) {
        if (!jsonMode) {
            out.print(text);
        }
    }
}
