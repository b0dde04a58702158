package dev.wharf.identity.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A new API key, answered once: {@code secret} is the password for the login name {@code loginName}
 * ({@code @api-<id>}); only its hash is stored.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreatedApiKey(String id, String name, String username, String loginName, String created,
                            String expires, String secret) {
    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", name=" + name + ", username=" + username + "]";
    }
}
