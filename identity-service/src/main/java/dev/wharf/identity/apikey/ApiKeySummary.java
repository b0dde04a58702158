package dev.wharf.identity.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One row of a user's API key list; instants in ISO-8601, {@code expires} and {@code lastUsed} when set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeySummary(String id, String name, String created, String expires, String lastUsed) {
}
