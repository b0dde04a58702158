package dev.wharf.core.audit;

/** The CloudEvents {@code type} of every audit event Wharf publishes; each has a JSON Schema in wharf-audit. */
public enum AuditType {
    SESSION_OPENED("dev.wharf.session.opened"),
    SESSION_CLOSED("dev.wharf.session.closed"),
    LOGIN_SUCCEEDED("dev.wharf.login.succeeded"),
    LOGIN_FAILED("dev.wharf.login.failed"),
    POLICY_DENIED("dev.wharf.policy.denied"),
    UPLOAD("dev.wharf.file.uploaded"),
    UPLOAD_FAILED("dev.wharf.file.upload_failed"),
    DOWNLOAD("dev.wharf.file.downloaded"),
    /** A download storage-service could not serve: refused at open, or its stream broke mid-way (bytes sent so far). */
    DOWNLOAD_FAILED("dev.wharf.file.download_failed"),
    DELETE("dev.wharf.file.deleted"),
    RENAME("dev.wharf.file.renamed"),
    FOLDER_CREATED("dev.wharf.folder.created"),
    FOLDER_REMOVED("dev.wharf.folder.removed"),
    /** A file operation a folder rule does not allow (reason {@code permission_denied}, the rule named). */
    FILE_DENIED("dev.wharf.file.denied"),
    ADMIN_CHANGE("dev.wharf.admin.changed"),
    /** A service refused an internal call (no or a bad credential, a grant used outside its scope). */
    ACCESS_REFUSED("dev.wharf.access.refused");

    private final String type;

    AuditType(String type) {
        this.type = type;
    }

    public String type() {
        return type;
    }
}
