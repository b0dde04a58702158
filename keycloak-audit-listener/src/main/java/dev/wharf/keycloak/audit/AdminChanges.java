package dev.wharf.keycloak.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Names what a Keycloak admin or account event did in Wharf's {@code <object>.<verb>} action vocabulary (the
 * {@code action} of {@code dev.wharf.admin.changed}); plain Java so that it is tested without a Keycloak.
 */
final class AdminChanges {
    /** Account-console and required-action events that change a user's credentials or profile, by Keycloak type. */
    static final Map<String, String> USER_EVENT_ACTIONS = Map.of(
            "UPDATE_PASSWORD", "password.updated",
            "UPDATE_CREDENTIAL", "credential.updated",
            "REMOVE_CREDENTIAL", "credential.removed",
            "UPDATE_TOTP", "otp.updated",
            "REMOVE_TOTP", "otp.removed",
            "UPDATE_PROFILE", "user.profile_updated",
            "UPDATE_EMAIL", "user.email_updated",
            "DELETE_ACCOUNT", "user.deleted");

    private AdminChanges() {
    }

    /** The action of an admin event: {@code users/<id>/reset-password} is a credential reset, and so on. */
    static String adminAction(String resourceType, String operationType, String resourcePath) {
        String[] parts = resourcePath == null ? new String[0] : resourcePath.split("/");
        if (parts.length >= 3 && parts[0].equals("users")) {
            switch (parts[2]) {
                case "reset-password":
                    return "credential.reset";
                case "credentials":
                    return "credential." + verb(operationType);
                case "execute-actions-email":
                    return "user.actions_emailed";
                case "logout":
                    return "user.logged_out";
                default:
                    // groups/<id> is GROUP_MEMBERSHIP, role-mappings/... is *_ROLE_MAPPING: named by the type
            }
        }
        return noun(resourceType) + "." + verb(operationType);
    }

    /** The user id an admin event's path names ({@code users/<id>[/...]}), if any. */
    static Optional<String> userId(String resourcePath) {
        return idAfter("users", resourcePath);
    }

    /** The group id of a {@code groups/<id>/...} resource path (a group or its children, members, roles). */
    static Optional<String> groupId(String resourcePath) {
        return idAfter("groups", resourcePath);
    }

    private static Optional<String> idAfter(String collection, String resourcePath) {
        if (resourcePath == null) {
            return Optional.empty();
        }
        String[] parts = resourcePath.split("/");
        return parts.length >= 2 && parts[0].equals(collection) && !parts[1].isEmpty()
                ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The action of a user's own event, or empty when that kind of event is not a change worth auditing. */
    static Optional<String> userAction(String eventType) {
        return Optional.ofNullable(USER_EVENT_ACTIONS.get(eventType));
    }

    private static String noun(String resourceType) {
        String noun = resourceType == null ? "" : resourceType.toLowerCase(Locale.ROOT).replaceAll("[^a-z_]", "_");
        return noun.isEmpty() || !Character.isLetter(noun.charAt(0)) ? "keycloak_object" : noun;
    }

    private static String verb(String operationType) {
        return switch (operationType == null ? "" : operationType) {
            case "CREATE" -> "created";
            case "UPDATE" -> "updated";
            case "DELETE" -> "deleted";
            default -> "changed";
        };
    }
}
