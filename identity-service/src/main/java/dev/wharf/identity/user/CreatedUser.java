package dev.wharf.identity.user;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer to a user creation; {@code password} only when it was generated (shown this once). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedUser(String username, String password) {
    @Override
    public String toString() {
        return "CreatedUser[username=" + username + "]";
    }
}
