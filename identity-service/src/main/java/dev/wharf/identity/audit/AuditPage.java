package dev.wharf.identity.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * One page of the audit trail.
 *
 * @param events the events as published (CloudEvents JSON), oldest first
 * @param next   the {@code after} of the following page; asking with it later also returns what arrived since
 */
public record AuditPage(List<JsonNode> events, String next) {
}
