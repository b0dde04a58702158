package dev.wharf.storage.s3;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.UploadResult;
import dev.wharf.storage.backend.ByteRange;
import dev.wharf.storage.backend.Download;
import dev.wharf.storage.backend.StorageBackend;
import dev.wharf.storage.backend.StoragePath;
import dev.wharf.storage.backend.UploadBody;
import dev.wharf.storage.backend.UploadContent;
import dev.wharf.storage.backend.WriteMode;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Files in one bucket of an S3-compatible store, under the key prefix {@code <tenant>/} (see {@link S3Keys}).
 * Folders are zero-byte {@code key/} markers or implied by the keys below them; deleting the last file of a folder
 * leaves a marker, so folders behave as on disk. Renames are copy then delete; a folder rename copies every key
 * first and deletes the sources only once all copies exist, so a failure never loses data (but is not atomic).
 */
public final class S3Backend implements StorageBackend {
    private static final Logger LOG = Logger.getLogger(S3Backend.class);
    /** S3's limit on a key, in UTF-8 bytes. */
    private static final int MAX_KEY_BYTES = 1024;

    /** Default of {@code wharf.storage.s3.incomplete-upload-max-age}. */
    public static final Duration INCOMPLETE_UPLOAD_MAX_AGE = Duration.ofHours(24);

    private final S3Objects objects;
    private final StreamedUpload uploads;
    private final int listConcurrency;
    private final Duration incompleteUploadMaxAge;
    private volatile boolean tidied;

    /** With the default upload memory: 32 part buffers, waited for at most 10 s. */
    public S3Backend(S3Client s3, String bucket, int partSize, int listConcurrency) {
        this(s3, bucket, partSize, listConcurrency, 32L * partSize, Duration.ofSeconds(10), INCOMPLETE_UPLOAD_MAX_AGE);
    }

    /**
     * @param uploadMemory           bytes of part buffers all uploads share
     * @param uploadWait             how long a new upload waits for a free buffer before it is refused
     * @param incompleteUploadMaxAge multipart uploads older than this are aborted (lifecycle rule, sweep at start)
     */
    public S3Backend(S3Client s3, String bucket, int partSize, int listConcurrency, long uploadMemory,
                     Duration uploadWait, Duration incompleteUploadMaxAge) {
        this(s3, bucket, listConcurrency, S3Objects.MAX_SINGLE_COPY, S3Objects.MAX_PAGE,
                new PartBuffers(checkedPartSize(partSize), uploadMemory), uploadWait, 500, incompleteUploadMaxAge);
    }

    /** With the default upload memory and a maximum age of incomplete uploads of the test's choosing. */
    S3Backend(S3Client s3, String bucket, int partSize, int listConcurrency, Duration incompleteUploadMaxAge) {
        this(s3, bucket, partSize, listConcurrency, 32L * partSize, Duration.ofSeconds(10), incompleteUploadMaxAge);
    }

    /** With lower limits, tests reach part-by-part copies and paged listings without 5 GiB or 1000 objects. */
    S3Backend(S3Client s3, String bucket, int partSize, int listConcurrency, long singleCopyLimit, int pageSize) {
        this(s3, bucket, listConcurrency, singleCopyLimit, pageSize,
                new PartBuffers(checkedPartSize(partSize), 32L * partSize), Duration.ofSeconds(10), 500);
    }

    /** With an upload memory and part growth of the test's choosing. */
    S3Backend(S3Client s3, String bucket, int listConcurrency, long singleCopyLimit, int pageSize,
              PartBuffers buffers, Duration uploadWait, int partsPerStep) {
        this(s3, bucket, listConcurrency, singleCopyLimit, pageSize, buffers, uploadWait, partsPerStep,
                INCOMPLETE_UPLOAD_MAX_AGE);
    }

    private S3Backend(S3Client s3, String bucket, int listConcurrency, long singleCopyLimit, int pageSize,
                      PartBuffers buffers, Duration uploadWait, int partsPerStep, Duration incompleteUploadMaxAge) {
        this.incompleteUploadMaxAge = incompleteUploadMaxAge;
        this.objects = new S3Objects(s3, bucket, singleCopyLimit, pageSize);
        this.uploads = new StreamedUpload(objects, buffers, uploadWait, partsPerStep);
        this.listConcurrency = Math.max(1, listConcurrency);
        try {
            checkReady();
        } catch (WharfException e) {
            LOG.warnf("bucket %s not checked at startup (readiness retries): %s", bucket, e.getMessage());
        }
    }

    private static int checkedPartSize(int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("wharf.storage.s3.part-size must be at least 5 MiB (S3's minimum part)");
        }
        return partSize;
    }

    @Override
    public String kind() {
        return "s3";
    }

    @Override
    public FileInfo stat(StoragePath path) {
        if (path.isRoot()) {
            return new FileInfo("", "/", true, 0, Instant.EPOCH, null);
        }
        Optional<ObjectHead> file = objects.head(S3Keys.file(checkKey(path)));
        if (file.isPresent()) {
            return fileInfo(path, file.get());
        }
        Instant folder = folderTime(path);
        if (folder == null) {
            throw notFound(path);
        }
        return new FileInfo(path.name(), path.path(), true, 0, folder, null);
    }

    @Override
    public List<FileInfo> list(StoragePath folder) {
        String prefix = S3Keys.folder(checkKey(folder));
        List<S3Object> files = new ArrayList<>();
        List<String> folders = new ArrayList<>();
        boolean[] seen = {folder.isRoot()};
        objects.listAll(prefix, "/", page -> {
            for (S3Object o : page.contents()) {
                seen[0] = true;
                String name = o.key().substring(prefix.length());
                if (StoragePath.isValidName(name)) {
                    files.add(o);
                }
            }
            for (CommonPrefix p : page.commonPrefixes()) {
                seen[0] = true;
                String name = p.prefix().substring(prefix.length(), p.prefix().length() - 1);
                if (StoragePath.isValidName(name)) {
                    folders.add(name);
                }
            }
        });
        if (!seen[0]) {
            if (objects.head(S3Keys.file(folder)).isPresent()) {
                throw new WharfException(Reason.NOT_A_DIRECTORY, folder.toString());
            }
            throw notFound(folder);
        }
        // a listing has sizes and store times, but neither checksums nor set times: those need a HEAD per entry
        List<FileInfo> out = new ArrayList<>(inParallel(folders, name -> {
            StoragePath child = folder.child(name);
            Optional<ObjectHead> marker = objects.head(S3Keys.folder(child));
            Instant modified = marker.map(ObjectHead::modified).orElse(Instant.EPOCH);
            return Optional.of(new FileInfo(name, child.path(), true, 0, modified, null));
        }));
        out.addAll(inParallel(files, o -> {
            StoragePath child = folder.child(o.key().substring(prefix.length()));
            return objects.head(o.key()).map(h -> fileInfo(child, h));
        }));
        out.sort(Comparator.comparing(FileInfo::name).thenComparing(FileInfo::directory));
        return out;
    }

    @Override
    public Download read(StoragePath path, ByteRange range) {
        if (path.isRoot()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "the root folder");
        }
        String key = S3Keys.file(checkKey(path));
        GetObjectRequest.Builder req = GetObjectRequest.builder().bucket(objects.bucket()).key(key);
        if (!range.isAll()) {
            req.range("bytes=" + range.first() + "-" + (range.last() == -1 ? "" : range.last()));
        }
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = objects.client().getObject(req.build());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw folderTime(path) != null ? new WharfException(Reason.IS_A_DIRECTORY, path.toString()) : notFound(path);
            }
            if (e.statusCode() == 416) {
                return emptyAtEnd(path, key, range);
            }
            throw S3Objects.translate("get " + key, e);
        } catch (SdkException e) {
            throw S3Objects.translate("get " + key, e);
        }
        GetObjectResponse r = in.response();
        long length = r.contentLength();
        long size = range.isAll() ? length : totalFromContentRange(r.contentRange(), length + range.first());
        ObjectHead head = new ObjectHead(key, size, r.lastModified(), r.eTag(), r.metadata());
        return new Download(in, size, range.first(), length, head.sha256(), head.modified());
    }

    /** A range that starts exactly at the end is an empty answer (a finished resume); beyond it is refused. */
    private Download emptyAtEnd(StoragePath path, String key, ByteRange range) {
        ObjectHead head = objects.head(key).orElseThrow(() -> notFound(path));
        range.checkWithin(head.size());
        return new Download(InputStream.nullInputStream(), head.size(), range.first(), 0, head.sha256(), head.modified());
    }

    @Override
    public UploadResult write(StoragePath path, WriteMode mode, UploadBody body) {
        if (path.isRoot()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "the root folder");
        }
        String key = S3Keys.file(checkKey(path));
        if (folderTime(path) != null) {
            throw new WharfException(Reason.IS_A_DIRECTORY, path.toString());
        }
        checkParentsAreFolders(path);
        Optional<ObjectHead> existing = mode.needsExisting() ? objects.head(key) : Optional.empty();
        long kept = mode.keptBytes(existing.map(ObjectHead::size).orElse(0L));
        InputStream prefix = kept > 0 ? openPrefix(path, existing.get(), kept) : InputStream.nullInputStream();
        try (UploadContent content = body.content(prefix, kept)) {
            return uploads.write(key, path.path(), content);
        } catch (IOException e) {
            throw new WharfException(Reason.INTERNAL_ERROR, "cannot upload " + path + ": " + e, e);
        }
    }

    @Override
    public void delete(StoragePath path) {
        if (path.isRoot()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, "the root folder");
        }
        String key = S3Keys.file(checkKey(path));
        if (objects.head(key).isEmpty()) {
            throw folderTime(path) != null ? new WharfException(Reason.IS_A_DIRECTORY, path.toString()) : notFound(path);
        }
        objects.delete(key);
        keepFolder(path.parent());
    }

    @Override
    public void mkdir(StoragePath path) {
        if (path.isRoot() || objects.head(S3Keys.file(checkKey(path))).isPresent() || folderTime(path) != null) {
            throw new WharfException(Reason.ALREADY_EXISTS, path.toString());
        }
        checkParentsAreFolders(path);
        putMarker(path, Instant.now());
    }

    @Override
    public void rmdir(StoragePath path) {
        if (path.isRoot()) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the root folder cannot be removed");
        }
        if (objects.head(S3Keys.file(checkKey(path))).isPresent()) {
            throw new WharfException(Reason.NOT_A_DIRECTORY, path.toString());
        }
        String marker = S3Keys.folder(path);
        // the marker sorts before everything under it, so two keys tell empty from not empty
        List<S3Object> first = objects.firstKeys(marker, 2);
        boolean hasMarker = !first.isEmpty() && first.get(0).key().equals(marker);
        if (first.size() > (hasMarker ? 1 : 0)) {
            throw new WharfException(Reason.DIRECTORY_NOT_EMPTY, path.toString());
        }
        if (!hasMarker) {
            throw notFound(path);
        }
        objects.delete(marker);
        keepFolder(path.parent());
    }

    @Override
    public void rename(StoragePath from, StoragePath to) {
        if (from.isRoot()) {
            throw new WharfException(Reason.PERMISSION_DENIED, "the root folder cannot be renamed");
        }
        checkKey(from);
        checkKey(to);
        Optional<ObjectHead> file = objects.head(S3Keys.file(from));
        if (file.isPresent()) {
            if (from.equals(to)) {
                return;
            }
            if (to.isRoot() || folderTime(to) != null) {
                throw new WharfException(Reason.ALREADY_EXISTS, to.toString());
            }
            checkParentsAreFolders(to);
            ObjectHead h = file.get();
            if (!objects.copy(h.key(), S3Keys.file(to), h.size(), keptMetadata(h), h.eTag())) {
                throw new WharfException(Reason.SERVICE_UNAVAILABLE, from + " changed during the rename: try again");
            }
            objects.delete(h.key());
            keepFolder(from.parent());
            return;
        }
        if (folderTime(from) == null) {
            throw notFound(from);
        }
        if (from.equals(to)) {
            return;
        }
        if (to.isSameOrUnder(from)) {
            throw new WharfException(Reason.INVALID_PATH, "a folder cannot be moved into itself");
        }
        if (to.isRoot() || objects.head(S3Keys.file(to)).isPresent() || folderTime(to) != null) {
            throw new WharfException(Reason.ALREADY_EXISTS, to.toString());
        }
        checkParentsAreFolders(to);
        renameFolder(from, to);
        keepFolder(from.parent());
    }

    private void renameFolder(StoragePath from, StoragePath to) {
        String source = S3Keys.folder(from);
        String target = S3Keys.folder(to);
        List<S3Object> all = new ArrayList<>();
        objects.listAll(source, null, page -> all.addAll(page.contents()));
        for (S3Object o : all) {
            if ((target + o.key().substring(source.length())).getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
                throw new WharfException(Reason.INVALID_PATH, "a name inside the folder would be too long at " + to);
            }
        }
        inParallel(all, o -> {
            ObjectHead h = objects.head(o.key()).orElse(null);
            if (h != null) {
                objects.copy(h.key(), target + h.key().substring(source.length()), h.size(), keptMetadata(h), null);
            }
            return Optional.empty();
        });
        objects.deleteAll(all.stream().map(S3Object::key).toList());
    }

    @Override
    public void setModified(StoragePath path, Instant modified) {
        if (path.isRoot()) {
            return; // the root has no object to carry a time; it is always there
        }
        Optional<ObjectHead> file = objects.head(S3Keys.file(checkKey(path)));
        if (file.isPresent()) {
            restamp(file.get(), modified);
            return;
        }
        Optional<ObjectHead> marker = objects.head(S3Keys.folder(path));
        if (marker.isPresent()) {
            restamp(marker.get(), modified);
        } else if (folderTime(path) != null) {
            putMarker(path, modified);
        } else {
            throw notFound(path);
        }
    }

    private void restamp(ObjectHead h, Instant modified) {
        Map<String, String> metadata = new HashMap<>(h.metadata());
        metadata.put(ObjectHead.MTIME, modified.toString());
        if (!objects.copy(h.key(), h.key(), h.size(), metadata, h.eTag())) {
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, h.key() + " changed meanwhile: try again");
        }
    }

    @Override
    public long purgeTenant(String tenant) {
        String prefix = S3Keys.folder(StoragePath.root(tenant));
        long[] removed = {0};
        // page by page: the continuation token orders by key, so deleting what was listed does not skip anything
        objects.listAll(prefix, null, page -> {
            List<String> keys = page.contents().stream().map(S3Object::key).toList();
            objects.deleteAll(keys);
            removed[0] += keys.stream().filter(k -> !k.equals(prefix)).count();
        });
        return removed[0];
    }

    @Override
    public void checkReady() {
        ensureBucket();
        if (!tidied) {
            tidied = true;
            tidyIncompleteUploads();
        }
    }

    /**
     * Once per start, when the bucket is first reachable: the lifecycle rule where the store has them, and a sweep of
     * the multipart uploads an earlier process left (killed mid-upload); never fails the caller.
     */
    private void tidyIncompleteUploads() {
        try {
            IncompleteUploads.ensureLifecycleRule(objects.client(), objects.bucket(), incompleteUploadMaxAge);
            IncompleteUploads.sweep(objects.client(), objects.bucket(), incompleteUploadMaxAge);
        } catch (SdkException e) {
            LOG.warnf("bucket %s: incomplete multipart uploads not swept: %s", objects.bucket(), e.toString());
        }
    }

    /** Aborts multipart uploads older than {@code maxAge} now (tests; the start-up sweep uses the configured age). */
    int sweepIncompleteUploads(Duration maxAge) {
        return IncompleteUploads.sweep(objects.client(), objects.bucket(), maxAge);
    }

    private void ensureBucket() {
        String bucket = objects.bucket();
        try {
            objects.client().headBucket(b -> b.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw S3Objects.translate("check bucket " + bucket, e);
            }
            try {
                objects.client().createBucket(b -> b.bucket(bucket));
                LOG.infof("created bucket %s", bucket);
            } catch (S3Exception c) {
                if (c.statusCode() != 409) { // created by another replica meanwhile
                    throw S3Objects.translate("create bucket " + bucket, c);
                }
            } catch (SdkException c) {
                throw S3Objects.translate("create bucket " + bucket, c);
            }
        } catch (SdkException e) {
            throw S3Objects.translate("check bucket " + bucket, e);
        }
    }

    /** When the folder exists, its time (marker time, or that of a key inside); else null. */
    private Instant folderTime(StoragePath path) {
        if (path.isRoot()) {
            return Instant.EPOCH;
        }
        String prefix = S3Keys.folder(path);
        List<S3Object> first = objects.firstKeys(prefix, 1);
        if (first.isEmpty()) {
            return null;
        }
        if (first.get(0).key().equals(prefix)) {
            return objects.head(prefix).map(ObjectHead::modified).orElse(first.get(0).lastModified());
        }
        return first.get(0).lastModified();
    }

    private void checkParentsAreFolders(StoragePath path) {
        for (StoragePath p = path.parent(); !p.isRoot(); p = p.parent()) {
            if (objects.head(S3Keys.file(p)).isPresent()) {
                throw new WharfException(Reason.NOT_A_DIRECTORY, p + " is a file");
            }
        }
    }

    /** Keeps an emptied folder visible, as on disk, by giving it a marker when it has none. */
    private void keepFolder(StoragePath folder) {
        if (!folder.isRoot() && objects.head(S3Keys.folder(folder)).isEmpty()) {
            putMarker(folder, Instant.now());
        }
    }

    private void putMarker(StoragePath folder, Instant modified) {
        objects.put(S3Keys.folder(folder), new byte[0], 0, S3Objects.metadata(modified, null));
    }

    private InputStream openPrefix(StoragePath path, ObjectHead existing, long kept) {
        try {
            return objects.client().getObject(b -> b.bucket(objects.bucket()).key(existing.key())
                    .range("bytes=0-" + (kept - 1)).ifMatch(existing.eTag()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 || e.statusCode() == 412) {
                throw new WharfException(Reason.INVALID_OFFSET, path + " changed before it could be resumed: start again");
            }
            throw S3Objects.translate("get " + existing.key(), e);
        } catch (SdkException e) {
            throw S3Objects.translate("get " + existing.key(), e);
        }
    }

    /** The metadata a copy keeps: everything the source had, and its time, so a rename does not touch the time. */
    private static Map<String, String> keptMetadata(ObjectHead h) {
        Map<String, String> metadata = new HashMap<>(h.metadata());
        metadata.putIfAbsent(ObjectHead.MTIME, h.modified().toString());
        return metadata;
    }

    private static FileInfo fileInfo(StoragePath path, ObjectHead h) {
        return new FileInfo(path.name(), path.path(), false, h.size(), h.modified(), h.sha256());
    }

    private static long totalFromContentRange(String contentRange, long fallback) {
        // "bytes 10-99/100"
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash > 0 && !contentRange.endsWith("*")) {
                try {
                    return Long.parseLong(contentRange.substring(slash + 1).strip());
                } catch (NumberFormatException ignored) {
                    // fall through
                }
            }
        }
        return fallback;
    }

    private static StoragePath checkKey(StoragePath path) {
        if (S3Keys.folder(path).getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new WharfException(Reason.INVALID_PATH, "path is too long for the object store");
        }
        return path;
    }

    /** Runs {@code task} over {@code items} with at most {@code listConcurrency} at once; keeps present results. */
    private <T, R> List<R> inParallel(List<T> items, Function<T, Optional<R>> task) {
        if (items.isEmpty()) {
            return List.of();
        }
        List<R> out = new ArrayList<>(items.size());
        int threads = Math.min(listConcurrency, items.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofVirtual().name("s3-", 0).factory())) {
            List<Future<Optional<R>>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            for (Future<Optional<R>> f : futures) {
                f.get().ifPresent(out::add);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WharfException(Reason.SERVICE_UNAVAILABLE, "interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new WharfException(Reason.INTERNAL_ERROR, String.valueOf(e.getCause()), e.getCause());
        }
        return out;
    }

    private static WharfException notFound(StoragePath path) {
        return new WharfException(Reason.NOT_FOUND, path.toString());
    }
}
