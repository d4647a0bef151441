package dev.pingpong.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** {@code dev.pingpong.server.Main} as a separate JVM on the test class path. */
final class ServerProcesses implements AutoCloseable {

    final Process process;
    final Path stderr;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();

    private ServerProcesses(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    stdoutLines.add(line);
                }
            } catch (IOException e) {
                stdoutLines.add("<stdout failed: " + e + ">");
            }
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    static ServerProcesses start(Map<String, String> environment, String... args) throws IOException {
        return start(List.of("-Xmx256m"), environment, args);
    }

    /** With the JVM's default heap, as {@code java -jar} would run it. */
    static ServerProcesses startDefaultHeap(Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), environment, args);
    }

    private static ServerProcesses start(List<String> jvmOptions, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile("pingpong-server", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // A JVM option in the environment would add a "Picked up ..." line to the child's stderr.
        builder.environment().keySet().removeIf(name -> name.startsWith("PINGPONG_") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(environment);
        return new ServerProcesses(builder.start(), stderr);
    }

    /** The next line of standard output. */
    String nextLine(Duration wait) throws InterruptedException, IOException {
        String line = stdoutLines.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(line, "a line on stdout within " + wait + "; stderr:\n" + stderr());
        return line;
    }

    int awaitExit(Duration wait) throws InterruptedException, IOException {
        if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("no exit within " + wait + "; stderr:\n" + stderr());
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        Files.deleteIfExists(stderr);
    }
}
