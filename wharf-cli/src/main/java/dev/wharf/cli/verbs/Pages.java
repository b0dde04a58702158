package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.wharf.cli.CliException;

import java.util.function.Function;

/** Follows a paged list ({@code {"items": [...], "next": <cursor or null>}}) to its end. */
final class Pages {
    /** Bound of the pages followed: a million tenants at the largest page size, or a server that never ends. */
    static final int MAX_PAGES = 1000;

    private Pages() {
    }

    /** Every item of every page; {@code fetch} answers the page after a cursor (null: the first page). */
    static ArrayNode all(ArrayNode into, Function<String, JsonNode> fetch) {
        String after = null;
        for (int i = 0; i < MAX_PAGES; i++) {
            JsonNode page = fetch.apply(after);
            page.path("items").forEach(into::add);
            JsonNode next = page.path("next");
            if (!next.isTextual() || next.asText().isEmpty()) {
                return into;
            }
            if (next.asText().equals(after)) {
                throw new CliException(dev.wharf.cli.ExitCode.REFUSED, "the list did not advance past " + after + "; try again");
            }
            after = next.asText();
        }
        throw new CliException(dev.wharf.cli.ExitCode.REFUSED, "the list has more than " + MAX_PAGES + " pages; page it with --limit and --after");
    }
}
