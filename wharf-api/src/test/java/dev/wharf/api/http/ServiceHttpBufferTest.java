package dev.wharf.api.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceHttpBufferTest {
    @Test
    void theServicesClientReadsBodiesIn256KiBBuffersUnlessTheJvmWasToldOtherwise() {
        ServiceHttp.newClient(Duration.ofSeconds(1)).close();

        assertEquals(Integer.toString(ServiceHttp.BUFSIZE), System.getProperty(ServiceHttp.BUFSIZE_PROPERTY));
    }
}
