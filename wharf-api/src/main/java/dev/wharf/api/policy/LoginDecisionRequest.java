package dev.wharf.api.policy;

import dev.wharf.core.identity.Principal;

/**
 * {@code POST /v1/decisions/login}: after identity succeeded, may this user log in from here over this protocol?
 *
 * @param protocol  wire name: {@code ftp}, {@code ftps}, {@code sftp}
 * @param encrypted whether the control channel is encrypted (TLS or SSH)
 */
public record LoginDecisionRequest(Principal principal, String protocol, String clientIp, boolean encrypted) {
}
