package dev.wharf.core.quota;

/** What a folder holds: the bytes of its files and how many files, everything below it counted. */
public record Usage(long bytes, long files) {
    public static final Usage EMPTY = new Usage(0, 0);

    /** This and {@code other} together. */
    public Usage plus(Usage other) {
        return new Usage(bytes + other.bytes, files + other.files);
    }
}
