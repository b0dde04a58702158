package dev.wharf.api.http;

import dev.wharf.core.Reason;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReasonStatusTest {

    @Test
    void everyReasonHasAStatusThatAnHttpAnswerCanCarry() {
        for (Reason r : Reason.values()) {
            int s = ReasonStatus.of(r);
            assertTrue(r == Reason.OK ? s == 200 : s >= 400 && s < 600, r + " -> " + s);
        }
    }

    @Test
    void theStatusesTheContractNames() {
        assertEquals(400, ReasonStatus.of(Reason.BAD_REQUEST));
        assertEquals(401, ReasonStatus.of(Reason.UNAUTHENTICATED_CALLER));
        assertEquals(403, ReasonStatus.of(Reason.PERMISSION_DENIED));
        assertEquals(404, ReasonStatus.of(Reason.UNKNOWN_TENANT));
        assertEquals(409, ReasonStatus.of(Reason.ALREADY_EXISTS));
        assertEquals(500, ReasonStatus.of(Reason.INTERNAL_ERROR));
        assertEquals(503, ReasonStatus.of(Reason.SERVICE_UNAVAILABLE));
    }

    /** A client reading an answer without our body by its status gets the reason back where the status is unique. */
    @Test
    void clientsReadTheStatusBackAsTheSameKindOfFailure() {
        for (Reason r : new Reason[]{Reason.BAD_REQUEST, Reason.NOT_FOUND, Reason.ALREADY_EXISTS}) {
            assertEquals(r, ServiceErrors.byStatus(ReasonStatus.of(r)), r.code());
        }
    }
}
