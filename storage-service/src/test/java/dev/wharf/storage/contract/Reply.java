package dev.wharf.storage.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;

/** One answer of storage-service, kept whole (tests only send small bodies through it). */
public record Reply(int status, HttpHeaders headers, byte[] body) {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public <T> T json(Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not " + type.getSimpleName() + ": " + text(), e);
        }
    }

    public <T> T json(com.fasterxml.jackson.core.type.TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("unexpected body: " + text(), e);
        }
    }

    /** The {@code reason} of an error body. */
    public String reason() {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("reason").asText(null);
        } catch (IOException e) {
            return null;
        }
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return status + " " + (body.length > 300 ? text().substring(0, 300) + "..." : text());
    }
}
