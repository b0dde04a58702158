package dev.wharf.identity.apikey;

/**
 * Body of an API key creation.
 *
 * @param name    unique in the tenant (users log in as {@code @api-<name>}); 1-64 of a-z, 0-9, '.', '_', '-'
 * @param expires ISO-8601 instant after which the key is refused with {@code key_expired}; null: never
 */
public record NewApiKey(String name, String expires) {
}
