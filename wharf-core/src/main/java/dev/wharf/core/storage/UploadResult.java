package dev.wharf.core.storage;

/** What storage-service committed: the file's final size and the SHA-256 of its whole content. */
public record UploadResult(String path, long size, String sha256) {
}
