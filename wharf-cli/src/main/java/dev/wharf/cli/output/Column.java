package dev.wharf.cli.output;

/**
 * One column of a table, or one line of a record: a heading and the JSON field it shows.
 *
 * @param heading what the table header or record label says
 * @param field the JSON field name; {@code ""} shows the element itself (a list of strings)
 */
public record Column(String heading, String field) {
    public static Column of(String heading, String field) {
        return new Column(heading, field);
    }
}
