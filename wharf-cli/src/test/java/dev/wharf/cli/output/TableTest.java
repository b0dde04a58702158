package dev.wharf.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void tablesAlignColumnsAndShowMissingValuesAsDash() throws Exception {
        JsonNode rows = json.readTree("""
                [{"username":"alice","enabled":true,"home":"/alice"},
                 {"username":"bartholomew","enabled":false,"groups":["a","b"]}]""");
        String text = Table.render(List.of(Column.of("username", "username"), Column.of("enabled", "enabled"),
                Column.of("home", "home"), Column.of("groups", "groups")), rows);
        assertEquals("""
                USERNAME     ENABLED  HOME    GROUPS
                alice        true     /alice  -
                bartholomew  false    -       a,b
                """, text);
    }

    @Test
    void recordsAlignLabelsAndListsOfStringsUseTheElementItself() throws Exception {
        assertEquals("""
                id:     acme
                portal: -
                """, Table.record(List.of(Column.of("id", "id"), Column.of("portal", "portalUrl")),
                json.readTree("{\"id\":\"acme\"}")));
        assertEquals("USERNAME\nboss\n", Table.render(List.of(Column.of("username", "")),
                json.readTree("[\"boss\"]")));
    }

    @Test
    void controlCharactersFromTheServiceAreNotPrinted() throws Exception {
        assertEquals("a?[31mb", Table.text(json.readTree("\"a\\u001b[31mb\"")));
    }

    @Test
    void jsonModePrintsTheApiJsonAndNoHumanLines() throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Printer p = new Printer(new PrintStream(buf, true, StandardCharsets.UTF_8), true, json);
        JsonNode rows = json.readTree("[{\"id\":\"acme\",\"enabled\":true}]");
        p.say("created");
        p.table(List.of(Column.of("id", "id")), rows);
        assertEquals(rows, json.readTree(buf.toString(StandardCharsets.UTF_8)));
    }

    @Test
    void humanModeSaysNoneForAnEmptyList() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Printer p = new Printer(new PrintStream(buf, true, StandardCharsets.UTF_8), false, json);
        p.table(List.of(Column.of("id", "id")), json.createArrayNode());
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("(none)"));
    }
}
