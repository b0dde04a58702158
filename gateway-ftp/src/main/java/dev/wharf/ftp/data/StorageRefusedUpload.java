package dev.wharf.ftp.data;

import java.io.IOException;

/**
 * An upload that failed on the storage side (storage-service went away, or refused the bytes: a quota), not on the
 * client's data connection; its cause says why. The reply differs: the client did nothing wrong.
 */
public final class StorageRefusedUpload extends IOException {
    StorageRefusedUpload(Throwable cause) {
        super(cause.getMessage(), cause);
    }
}
