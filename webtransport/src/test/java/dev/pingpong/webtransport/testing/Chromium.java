package dev.pingpong.webtransport.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Runs a page in headless Chromium and returns the one line the page reports through {@code console.log}.
 *
 * <p>The page logs {@code PREFIX rest} (e.g. {@code RESULT {"ok":true}}) and calls {@code window.close()}.
 * Chromium writes console messages to stderr ({@code --enable-logging=stderr}) as
 * {@code [...:INFO:CONSOLE(12)] "RESULT {...}", source: file:///... (12)}; {@link #run} returns {@code rest}
 * from the first such line and stops the browser, or fails after the timeout with the end of the browser's log.
 * Each run gets a fresh profile directory, deleted afterwards.
 */
public final class Chromium {

    /** Shown where Chromium is missing; tests are skipped with it. */
    public static final String NOT_INSTALLED = "chromium not installed: apt-get install chromium; CI installs it";

    private static final Path DEBIAN_PATH = Path.of("/usr/bin/chromium");
    private static final int LOG_TAIL_LINES = 60;

    private final Path executable;

    private Chromium(Path executable) {
        this.executable = executable;
    }

    /** {@code /usr/bin/chromium}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    public static Optional<Chromium> find() {
        if (Files.isExecutable(DEBIAN_PATH)) {
            return Optional.of(new Chromium(DEBIAN_PATH));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new Chromium(candidate));
                }
            }
        }
        return Optional.empty();
    }

    /** For JUnit: the browser, or the test is skipped (not failed) with {@link #NOT_INSTALLED}. */
    public static Chromium assumeInstalled() {
        Optional<Chromium> chromium = find();
        Assumptions.assumeTrue(chromium.isPresent(), NOT_INSTALLED);
        return chromium.get();
    }

    /**
     * Copies a page from the classpath (it may sit in a jar) into {@code directory} and returns its
     * {@code file://} address with {@code query} appended. Such a page is a secure context with origin
     * {@code file://}.
     */
    public static URI page(String resource, Path directory, String query) throws IOException {
        try (InputStream in = Chromium.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no page " + resource + " on the classpath");
            }
            Path file = directory.resolve(Path.of(resource).getFileName());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return URI.create(file.toUri() + (query.isEmpty() ? "" : "?" + query));
        }
    }

    public Path executable() {
        return executable;
    }

    /**
     * Opens {@code page} ({@code file://} or {@code http://127.0.0.1:PORT/...}) and waits for a console line
     * starting with {@code prefix} and a space.
     *
     * @return the rest of that line
     * @throws TimeoutException when no such line came in time (or the browser exited without one); the message
     *                          carries the end of the browser's log
     */
    public String run(URI page, String prefix, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = new ProcessBuilder(command(profile, page))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        ConsoleScanner scanner = new ConsoleScanner(browser, "\"" + prefix + " ");
        Thread reader = new Thread(scanner, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return scanner.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TimeoutException("chromium exited without a " + prefix + " line; its log ends:\n" + scanner.tail());
        } catch (TimeoutException e) {
            throw new TimeoutException("no " + prefix + " line within " + timeout + "; chromium's log ends:\n" + scanner.tail());
        } finally {
            stop(browser);
            reader.join(TimeUnit.SECONDS.toMillis(5));
            deleteTree(profile);
        }
    }

    private List<String> command(Path profile, URI page) {
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        command.add(page.toString());
        return command;
    }

    /** Ends the browser and the helper processes it started (renderer, GPU, zygote). */
    private static void stop(Process browser) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(browser.descendants().toList());
        family.add(browser.toHandle());
        family.forEach(ProcessHandle::destroy);
        if (!browser.waitFor(5, TimeUnit.SECONDS)) {
            family.forEach(ProcessHandle::destroyForcibly);
            browser.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Chromium helpers may still be writing the profile while they exit; a leftover temp dir is harmless.
        }
    }

    /** Reads the browser's stderr: completes {@link #result} at the first console line with the marker. */
    private static final class ConsoleScanner implements Runnable {
        private static final String SOURCE_SUFFIX = "\", source: ";

        final CompletableFuture<String> result = new CompletableFuture<>();
        private final Process browser;
        private final String marker;
        private final Deque<String> tail = new ArrayDeque<>();

        ConsoleScanner(Process browser, String marker) {
            this.browser = browser;
            this.marker = marker;
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    remember(line);
                    int start = line.indexOf(marker);
                    if (start >= 0 && !result.isDone()) {
                        int end = line.lastIndexOf(SOURCE_SUFFIX);
                        result.complete(line.substring(start + marker.length(), end > start ? end : line.length()));
                    }
                }
            } catch (IOException e) {
                // the stream closes when the browser is stopped
            }
            result.completeExceptionally(new IOException("chromium's stderr ended"));
        }

        private synchronized void remember(String line) {
            if (tail.size() == LOG_TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(line);
        }

        synchronized String tail() {
            return String.join("\n", tail);
        }
    }
}
