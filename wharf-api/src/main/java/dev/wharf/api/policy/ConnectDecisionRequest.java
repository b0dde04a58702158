package dev.wharf.api.policy;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/decisions/connect}: may this address connect (and, once the tenant is known, use this site)?
 *
 * @param tenant   null at connect time, before the tenant is known
 * @param protocol wire name: {@code ftp}, {@code ftps}, {@code sftp}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConnectDecisionRequest(String clientIp, String tenant, String protocol) {
}
