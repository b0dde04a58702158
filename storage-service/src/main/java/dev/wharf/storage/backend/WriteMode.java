package dev.wharf.storage.backend;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;

/**
 * How an upload combines with the existing file: replace ({@code offset} 0), resume (keep the first
 * {@code offset} bytes) or append (keep everything).
 */
public record WriteMode(long offset, boolean append) {
    /** Replace the file. */
    public static final WriteMode REPLACE = new WriteMode(0, false);

    public WriteMode {
        if (offset < 0) {
            throw new WharfException(Reason.INVALID_OFFSET, "offset must not be negative");
        }
    }

    /** True when the existing file's size (and bytes) matter. */
    public boolean needsExisting() {
        return append || offset > 0;
    }

    /**
     * How many bytes of the existing file ({@code existingSize}, 0 when there is none) the new content keeps.
     * An {@code offset} beyond the end, or an append whose offset is not the end, is refused with
     * {@code invalid_offset}.
     */
    public long keptBytes(long existingSize) {
        if (append) {
            if (offset > 0 && offset != existingSize) {
                throw new WharfException(Reason.INVALID_OFFSET,
                        "append at offset " + offset + " but the file has " + existingSize + " bytes");
            }
            return existingSize;
        }
        if (offset > existingSize) {
            throw new WharfException(Reason.INVALID_OFFSET,
                    "offset " + offset + " is beyond the end of the file (" + existingSize + " bytes)");
        }
        return offset;
    }
}
