package dev.wharf.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

class ProjectPathsTest {

    @Test
    void rootHoldsTheWrapperAndTheLauncherModule() {
        assertTrue(Files.isRegularFile(ProjectPaths.root().resolve("mvnw")));
        assertTrue(Files.isRegularFile(ProjectPaths.module("wharf-launcher").resolve("pom.xml")));
    }

    @Test
    void componentPathFilesPointAtExistingArtifacts() {
        assertTrue(Files.isRegularFile(Components.keycloakZip()));
        assertTrue(Files.isRegularFile(Components.s3proxyJar()));
        assertTrue(Components.kafkaClasspath().contains("kafka_2.13"));
    }
}
