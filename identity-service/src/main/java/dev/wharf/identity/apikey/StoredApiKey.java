package dev.wharf.identity.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API key as kept in the user attribute {@code wharf.apikey.<id>}: the SHA-256 of the secret (hex), never the
 * secret. Instants in ISO-8601; {@code lastUsed} is not written by this version (see ApiKeyService#touch).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record StoredApiKey(String name, String hash, String created, String expires, String lastUsed) {
}
