package dev.wharf.cli.verbs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.cli.CliException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = IntStream.rangeClosed(1, 7).mapToObj(i -> "t" + i).toList();

    @Test
    void everyPageIsFollowedOnceWithThePreviousCursor() {
        List<String> cursors = new ArrayList<>();
        ArrayNode all = Pages.all(JSON.createArrayNode(), after -> {
            cursors.add(after);
            return page(after, 3);
        });
        assertEquals(IDS, ids(all));
        assertEquals(java.util.Arrays.asList(null, "t3", "t6"), cursors);
    }

    @Test
    void anEmptyListIsOnePage() {
        assertEquals(List.of(), ids(Pages.all(JSON.createArrayNode(), after -> JSON.createObjectNode()
                .<ObjectNode>set("items", JSON.createArrayNode()).putNull("next"))));
    }

    @Test
    void aServerThatRepeatsItsCursorOrNeverEndsIsStopped() {
        assertThrows(CliException.class, () -> Pages.all(JSON.createArrayNode(), after -> page(null, 3)));
        int[] calls = {0};
        assertThrows(CliException.class, () -> Pages.all(JSON.createArrayNode(), after -> {
            calls[0]++;
            return JSON.createObjectNode().<ObjectNode>set("items", JSON.createArrayNode())
                    .put("next", "c" + calls[0]);
        }));
        assertEquals(Pages.MAX_PAGES, calls[0]);
    }

    /** The server side: ids after {@code after}, at most {@code limit}, and the cursor of the next page. */
    private static JsonNode page(String after, int limit) {
        int from = after == null ? 0 : IDS.indexOf(after) + 1;
        int to = Math.min(IDS.size(), from + limit);
        ArrayNode items = JSON.createArrayNode();
        IDS.subList(from, to).forEach(id -> items.addObject().put("id", id));
        ObjectNode page = JSON.createObjectNode().set("items", items);
        return to < IDS.size() ? page.put("next", IDS.get(to - 1)) : page.putNull("next");
    }

    private static List<String> ids(JsonNode items) {
        List<String> out = new ArrayList<>();
        items.forEach(n -> out.add(n.path("id").asText()));
        return out;
    }
}
