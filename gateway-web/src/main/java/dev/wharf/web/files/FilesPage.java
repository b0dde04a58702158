package dev.wharf.web.files;

import dev.wharf.core.Reason;
import dev.wharf.core.WharfException;
import dev.wharf.core.files.FileOperations;
import dev.wharf.core.files.VirtualPaths;
import dev.wharf.core.storage.FileInfo;
import dev.wharf.core.storage.Upload;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;

/**
 * The signed-in user's files: the list of a folder of their home, download, upload, delete and new folder. Every
 * action goes through {@link FileOperations} (home confinement, storage grant, audit) as FTP and SFTP commands do;
 * every change needs the session's CSRF token.
 */
@Path("/")
@Authenticated
@Blocking
public class FilesPage {
    @Inject
    PortalRequest request;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance files(String user, String tenant, String folder, String parent,
                                             List<Row> rows, String csrf);

        static native TemplateInstance rename(String user, String tenant, String path, String folder, String name,
                                              boolean folderItself, String csrf);
    }

    /** One line of the file list; {@code sha256} as storage-service keeps it (computed while the file was stored). */
    public record Row(String name, String path, boolean folder, String size, String modified, String sha256) {
    }

    /** Header that carries the CSRF token of a streamed upload (the body is the file itself). */
    static final String CSRF_HEADER = "X-Wharf-Csrf";

    @GET
    public Response home() {
        return Response.seeOther(URI.create(request.operatorConsole() ? "/operator/tenants" : "/files")).build();
    }

    @GET
    @Path("files")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("path") String path) {
        String folder = VirtualPaths.resolve("/", path == null || path.isBlank() ? "/" : path);
        FileOperations files = request.files();
        List<Row> rows = listOrEmptyHome(files, folder).stream()
                .sorted(Comparator.comparing((FileInfo f) -> !f.directory()).thenComparing(FileInfo::name))
                .map(f -> new Row(f.name(), f.path(), f.directory(), f.directory() ? "" : Long.toString(f.size()),
                        f.modified() == null ? "" : f.modified().toString(),
                        f.sha256() == null ? "" : f.sha256()))
                .toList();
        String parent = folder.equals("/") ? null : VirtualPaths.parent(folder);
        return Templates.files(request.session().username(), request.tenant(), folder, parent, rows,
                request.csrfToken());
    }

    @GET
    @Path("download")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response download(@QueryParam("path") String path) {
        FileOperations files = request.files();
        FileInfo info = files.stat(path);
        if (info.directory()) {
            throw new WharfException(Reason.IS_A_DIRECTORY, null);
        }
        StreamingOutput body = out -> {
            try (InputStream in = files.openRead(path, 0)) {
                in.transferTo(out);
            }
        };
        return Response.ok(body)
                .header("Content-Length", info.size())
                .header("Content-Disposition", "attachment; filename*=UTF-8''" + rfc5987(info.name()))
                .build();
    }

    /**
     * The upload the page's script sends: the request body is the file, read as it arrives and written straight to
     * storage (a blocking method with an {@link InputStream} body: Quarkus REST buffers only
     * {@code quarkus.rest.input-buffer-size} of it), so memory stays bounded whatever the size and nothing is
     * spooled to disk. Answers 204; a refusal is the refusal page, which the script shows.
     */
    @PUT
    @Path("upload")
    @Consumes(MediaType.WILDCARD)
    public Response uploadStream(@HeaderParam(CSRF_HEADER) String csrf, @QueryParam("folder") String folder,
                                 @QueryParam("name") String name, InputStream body) {
        request.checkCsrf(csrf);
        store(VirtualPaths.resolve(folderOf(folder), fileName(name)), body);
        return Response.noContent().build();
    }

    /**
     * The same upload as a multipart form, for browsers without script: Quarkus spools the part to a temporary file
     * (deleted when the request ends) before it goes to storage.
     */
    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm String csrf, @RestForm String folder, @RestForm("file") FileUpload file) {
        request.checkCsrf(csrf);
        String target = VirtualPaths.resolve(folderOf(folder), fileName(file == null ? null : file.fileName()));
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            store(target, in);
        } catch (IOException e) {
            throw new WharfException(Reason.UPLOAD_ABORTED, e.getMessage());
        }
        return backTo(folder);
    }

    /** The rename form of one file or folder. */
    @GET
    @Path("rename")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance renameForm(@QueryParam("path") String path) {
        FileInfo info = request.files().stat(path);
        return Templates.rename(request.session().username(), request.tenant(), info.path(),
                VirtualPaths.parent(info.path()), info.name(), info.directory(), request.csrfToken());
    }

    /** Renames within its folder: a new name, not a move (a name with {@code /} is refused). */
    @POST
    @Path("rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rename(@RestForm String csrf, @RestForm String path, @RestForm String name) {
        request.checkCsrf(csrf);
        if (name == null || name.isBlank() || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new WharfException(Reason.INVALID_PATH, "a new name without /");
        }
        String from = VirtualPaths.resolve("/", path);
        String folder = VirtualPaths.parent(from);
        String to = VirtualPaths.resolve(folder, name);
        if (!to.equals(from)) {
            refuseIfExists(to);
            request.files().rename(from, to);
        }
        return backTo(folder);
    }

    /** Storage replaces a file on rename, as POSIX does; in the portal a rename never silently drops a file. */
    private void refuseIfExists(String path) {
        try {
            request.files().stat(path);
        } catch (WharfException e) {
            if (e.reason() == Reason.NOT_FOUND) {
                return;
            }
            throw e;
        }
        throw new WharfException(Reason.ALREADY_EXISTS, VirtualPaths.name(path));
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@RestForm String csrf, @RestForm String path, @RestForm String folder) {
        request.checkCsrf(csrf);
        FileOperations files = request.files();
        if (files.stat(path).directory()) {
            files.rmdir(path);
        } else {
            files.delete(path);
        }
        return backTo(folder);
    }

    @POST
    @Path("mkdir")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response mkdir(@RestForm String csrf, @RestForm String folder, @RestForm String name) {
        request.checkCsrf(csrf);
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new WharfException(Reason.INVALID_PATH, "a folder name without /");
        }
        request.files().mkdir(VirtualPaths.resolve(folderOf(folder), name));
        return backTo(folder);
    }

    /** A home folder nothing was stored in yet does not exist in storage: it is shown empty, as FTP shows it. */
    private static List<FileInfo> listOrEmptyHome(FileOperations files, String folder) {
        try {
            return files.list(folder);
        } catch (WharfException e) {
            if (folder.equals("/") && e.reason() == Reason.NOT_FOUND) {
                return List.of();
            }
            throw e;
        }
    }

    /** Streams {@code in} to a new file at {@code target}; on any failure nothing is stored (the upload aborts). */
    private void store(String target, InputStream in) {
        Upload upload = request.files().openWrite(target, 0, false);
        try {
            copy(in, upload);
            upload.commit();
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e instanceof WharfException w ? w : new WharfException(Reason.UPLOAD_ABORTED, e.getMessage());
        }
    }

    private static void copy(InputStream in, Upload upload) throws IOException {
        byte[] buf = new byte[64 * 1024];
        for (int n; (n = in.read(buf)) >= 0; ) {
            upload.write(buf, 0, n);
        }
    }

    private static String folderOf(String folder) {
        return VirtualPaths.resolve("/", folder == null || folder.isBlank() ? "/" : folder);
    }

    /** Browsers send a bare name; old ones sent the whole client path. */
    private static String fileName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1);
        if (n.isBlank() || n.equals(".") || n.equals("..")) {
            throw new WharfException(Reason.BAD_REQUEST, "choose a file to upload");
        }
        return n;
    }

    private static Response backTo(String folder) {
        return Response.seeOther(UriBuilder.fromPath("/files").queryParam("path", folderOf(folder)).build()).build();
    }

    private static String rfc5987(String name) {
        StringBuilder b = new StringBuilder();
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c & 0xff));
            }
        }
        return b.toString();
    }
}
