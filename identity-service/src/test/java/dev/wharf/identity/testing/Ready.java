package dev.wharf.identity.testing;

import dev.wharf.launcher.Poll;

import java.time.Duration;

import static io.restassured.RestAssured.given;

/** Waits, with a deadline, for the service under test to report ready. */
public final class Ready {
    private Ready() {
    }

    public static void await(Duration timeout) {
        Poll.until("identity-service to report ready", timeout, null,
                () -> given().when().get("/q/health/ready").then().extract().statusCode() == 200);
    }
}
