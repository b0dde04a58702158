package dev.wharf.identity.user;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.wharf.identity.sharing.Sharing;

import java.util.List;

/**
 * The answer to a user creation; {@code password} only when it was generated (shown this once), {@code sharing}
 * the details of each protocol the user may use.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedUser(String username, String password, List<Sharing> sharing) {
    public CreatedUser(String username, String password) {
        this(username, password, null);
    }

    /** The same answer with its sharing details. */
    public CreatedUser withSharing(List<Sharing> details) {
        return new CreatedUser(username, password, details);
    }

    @Override
    public String toString() {
        return "CreatedUser[username=" + username + "]";
    }
}
