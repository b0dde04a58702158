package dev.wharf.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HaproxyAdminTest {
    // HAProxy 2.6's answer to "show servers state ftp-implicit" (columns after srv_op_state shortened)
    private static final String ANSWER = """
            1
            # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight
            3 ftp-implicit 1 replica-0 127.0.0.2 0 0 1
            3 ftp-implicit 2 replica-1 127.0.0.3 2 0 1
            """;

    @Test
    void aServerIsRunningOnlyInOperationalStateTwo() {
        assertFalse(HaproxyAdmin.running(ANSWER, "replica-0"), "stopped: its checks have not passed yet");
        assertTrue(HaproxyAdmin.running(ANSWER, "replica-1"));
    }

    @Test
    void aServerTheAnswerDoesNotNameIsNotRunning() {
        assertFalse(HaproxyAdmin.running(ANSWER, "replica-2"));
        assertFalse(HaproxyAdmin.running("No such backend.\n", "replica-0"));
        assertFalse(HaproxyAdmin.running("", "replica-0"));
    }
}
