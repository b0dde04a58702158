package dev.wharf.identity.user;

/** Body of a password reset: the new password (never logged). */
public record NewPassword(String password) {
    @Override
    public String toString() {
        return "NewPassword[password=***]";
    }
}
