package dev.wharf.api;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** One {@link StubService} standing in for identity, policy and storage in the Quarkus wiring test. */
public class StubServicesResource implements QuarkusTestResourceLifecycleManager {
    static volatile StubService stub;

    @Override
    public Map<String, String> start() {
        try {
            stub = new StubService();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String url = stub.url().toString();
        return Map.of("wharf.services.identity-url", url + "/",
                "wharf.services.policy-url", url,
                "wharf.services.storage-url", url);
    }

    @Override
    public void stop() {
        if (stub != null) {
            stub.close();
        }
    }
}
