package dev.wharf.web.admin;

import java.util.List;

/**
 * The folder access of a user's or a group's page (issue 14): folder rules ({@code <permissions> <path>}) and
 * shared folders ({@code <folder> <permissions> <path>}), listed and one a line in the textareas, and what an
 * administrator typed read back as the admin API takes it. The lines are not checked here: identity-service checks
 * every one and its refusal ("folder rule ...") is shown on the page, so the web console and the CLI read rules alike.
 *
 * @param rules  the folder rules as the admin API shows them
 * @param shared the shared folders as the admin API shows them
 */
public record AccessForm(List<String> rules, List<String> shared) {
    static AccessForm of(List<String> rules, List<String> shared) {
        return new AccessForm(rules == null ? List.of() : rules, shared == null ? List.of() : shared);
    }

    /** What was typed as the admin API's update: each field whole, an empty one clearing its list. */
    static AdminClient.FolderAccess typed(String folderRules, String sharedFolders) {
        return new AdminClient.FolderAccess(FormValues.lineList(folderRules), FormValues.lineList(sharedFolders));
    }

    /** The rules one a line, as the textarea shows them. */
    public String folderRules() {
        return FormValues.lines(rules);
    }

    /** The shared folders one a line. */
    public String sharedFolders() {
        return FormValues.lines(shared);
    }
}
