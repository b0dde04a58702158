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
import jakarta.ws.rs.POST;
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
    }

    /** One line of the file list. */
    public record Row(String name, String path, boolean folder, String size, String modified) {
    }

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/files")).build();
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
                        f.modified() == null ? "" : f.modified().toString()))
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

    @POST
    @Path("upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm String csrf, @RestForm String folder, @RestForm("file") FileUpload file) {
        request.checkCsrf(csrf);
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            throw new WharfException(Reason.BAD_REQUEST, "choose a file to upload");
        }
        String target = VirtualPaths.resolve(folderOf(folder), baseName(file.fileName()));
        Upload upload = request.files().openWrite(target, 0, false);
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            copy(in, upload);
            upload.commit();
        } catch (IOException | RuntimeException e) {
            upload.abort();
            throw e instanceof WharfException w ? w : new WharfException(Reason.UPLOAD_ABORTED, e.getMessage());
        }
        return backTo(folder);
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
    private static String baseName(String name) {
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1);
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
