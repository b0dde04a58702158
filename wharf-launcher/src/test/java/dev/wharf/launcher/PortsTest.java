package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void freePortCanBeBoundAndIsThenTaken() throws Exception {
        int port = Ports.free();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertFalse(Ports.isFree(port), "a bound port is not free");
            assertTrue(Ports.isListening(port), "a bound port accepts connections");
        }
    }

    @Test
    void freeRangeIsConsecutiveAndBindable() throws Exception {
        int first = Ports.freeRange(5);
        for (int port = first; port < first + 5; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(socket.isBound());
            }
        }
    }

    @Test
    void rejectsSillyRangeSizes() {
        assertThrows(IllegalArgumentException.class, () -> Ports.freeRange(0));
        assertThrows(IllegalArgumentException.class, () -> Ports.freeRange(5000));
    }
}
