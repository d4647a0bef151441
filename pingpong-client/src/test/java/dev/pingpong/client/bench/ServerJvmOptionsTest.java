package dev.pingpong.client.bench;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench runs the server with the JVM options users are told to use, and every place that tells them agrees. */
class ServerJvmOptionsTest {

    private static final Path ROOT = Path.of("..");
    private static final String OPTIONS = String.join(" ", PingServer.JVM_OPTIONS);

    @Test
    void readmeReferenceAndDemoScriptRunTheServerWithTheBenchsOptions() throws IOException {
        assertContains("README.md", "java " + OPTIONS + " -jar pingpong-server/target/pingpong-server.jar");
        assertContains("docs/reference.md", "java " + OPTIONS + " -jar pingpong-server.jar");
        assertContains("scripts/run-demo.sh", "SERVER_JVM_OPTIONS=${SERVER_JVM_OPTIONS:-" + OPTIONS + "}");
        assertContains("scripts/run-demo.sh", "\"$JAVA\" $SERVER_JVM_OPTIONS -jar \"$SERVER_JAR\"");
    }

    private static void assertContains(String file, String expected) throws IOException {
        assertTrue(Files.readString(ROOT.resolve(file)).contains(expected), file + " should contain: " + expected);
    }
}
