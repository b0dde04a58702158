package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class S3ProxyServerTest {

    @Test
    void anonymousRequestsAreRefused() throws Exception {
        S3ProxyServer s3 = TestComponents.s3proxy();
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/")).GET().build());
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("AccessDenied"), response.body());
    }

    @Test
    void generatedCredentialsCreateABucketAndListIt() throws Exception {
        S3ProxyServer s3 = TestComponents.s3proxy();
        String bucket = "launcher-" + Secrets.token(6).toLowerCase(Locale.ROOT);

        HttpResponse<String> created = send(signed(s3, "PUT", "/" + bucket));
        assertEquals(200, created.statusCode(), created.body());

        HttpResponse<String> listed = send(signed(s3, "GET", "/"));
        assertEquals(200, listed.statusCode(), listed.body());
        assertTrue(listed.body().contains("<Name>" + bucket + "</Name>"), listed.body());
    }

    @Test
    void createBucketIsIdempotent() throws Exception {
        S3ProxyServer s3 = TestComponents.s3proxy();
        String bucket = "twice-" + Secrets.token(6).toLowerCase(Locale.ROOT);
        s3.createBucket(bucket);
        s3.createBucket(bucket);
        HttpResponse<String> listed = send(signed(s3, "GET", "/"));
        assertTrue(listed.body().contains("<Name>" + bucket + "</Name>"), listed.body());
    }

    @Test
    void aWrongSecretIsRefused() throws Exception {
        S3ProxyServer s3 = TestComponents.s3proxy();
        HttpResponse<String> response = send(signedWith(s3.endpoint(), s3.accessKey(), "not-the-secret", "GET", "/"));
        assertEquals(403, response.statusCode());
    }

    private static HttpRequest signed(S3ProxyServer s3, String method, String path) throws Exception {
        return signedWith(s3.endpoint(), s3.accessKey(), s3.secretKey(), method, path);
    }

    /** AWS signature version 2, which S3Proxy accepts with aws-v2-or-v4: enough to prove the keys work. */
    private static HttpRequest signedWith(String endpoint, String accessKey, String secret, String method, String path)
            throws Exception {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String toSign = method + "\n\n\n" + date + "\n" + path;
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Date", date)
                .header("Authorization", "AWS " + accessKey + ":" + signature)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return Http.client().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
