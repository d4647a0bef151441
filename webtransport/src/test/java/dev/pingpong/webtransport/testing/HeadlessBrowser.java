package dev.pingpong.webtransport.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.File;
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
 * Runs a page in a headless browser and returns the one line the page reports through {@code console.log}.
 *
 * <p>The page logs {@code PREFIX rest} (e.g. {@code RESULT {"ok":true}}) and calls {@code window.close()}.
 * {@link #run} reads the browser's output (stdout and stderr together), returns {@code rest} from the first
 * console message that starts with the prefix and stops the browser, or fails after the timeout with the end of
 * the browser's log. Each run gets a fresh profile directory, deleted afterwards. Subclasses say how to start
 * their browser and how it prints console messages.
 */
public abstract class HeadlessBrowser {

    /** The browsers the interop tests run, by {@link #name()}. */
    public static final List<String> NAMES = List.of(Chromium.NAME, Firefox.NAME);

    private static final int LOG_TAIL_LINES = 60;

    private final Path executable;

    protected HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /** The browser called {@code name} ({@link #NAMES}) when it is installed. */
    public static Optional<HeadlessBrowser> find(String name) {
        return switch (name) {
            case Chromium.NAME -> Chromium.find().map(HeadlessBrowser.class::cast);
            case Firefox.NAME -> Firefox.find().map(HeadlessBrowser.class::cast);
            default -> throw new IllegalArgumentException("no browser called " + name + "; known: " + NAMES);
        };
    }

    /**
     * For JUnit: the browser called {@code name}. When it is missing the test is skipped with a message saying
     * how to install it, except under CI ({@code CI=true}), where a missing browser fails the test: CI installs
     * every browser, so a skip there would hide a broken install step.
     */
    public static HeadlessBrowser assumeInstalled(String name) {
        Optional<HeadlessBrowser> browser = find(name);
        if (browser.isEmpty()) {
            String missing = name + " not installed: " + installHint(name) + "; .ci/run installs it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(missing + ", and CI=true: the browser tests must run here");
            }
            Assumptions.abort(missing);
        }
        return browser.get();
    }

    private static String installHint(String name) {
        return name.equals(Firefox.NAME) ? "apt-get install firefox-esr" : "apt-get install chromium";
    }

    /**
     * Copies a page from the classpath (it may sit in a jar) into {@code directory} and returns its
     * {@code file://} address with {@code query} appended. Such a page is a secure context; its origin is
     * {@code file://} in Chromium and {@code null} in Firefox.
     */
    public static URI page(String resource, Path directory, String query) throws IOException {
        try (InputStream in = HeadlessBrowser.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no page " + resource + " on the classpath");
            }
            Path file = directory.resolve(Path.of(resource).getFileName());
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return URI.create(file.toUri() + (query.isEmpty() ? "" : "?" + query));
        }
    }

    /** {@code preferred} when executable, else the first of {@code names} on the PATH. */
    static Optional<Path> locate(Path preferred, String... names) {
        if (Files.isExecutable(preferred)) {
            return Optional.of(preferred);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code chromium} or {@code firefox}: one of {@link #NAMES}. */
    public abstract String name();

    /**
     * Whether the page can offer subprotocols ({@code new WebTransport(url, {protocols})}) and read the
     * server's choice ({@code transport.protocol}).
     */
    public abstract boolean offersSubprotocols();

    /** The {@code Origin} a {@code file://} page sends: {@code file://} (Chromium) or {@code null} (Firefox). */
    public abstract String fileOrigin();

    /** The command that opens {@code page} headless with the (empty, fresh) {@code profile} directory. */
    protected abstract List<String> command(Path profile, URI page) throws IOException;

    /** The text of the console message on this output line, or empty when the line is not one. */
    protected abstract Optional<String> consoleMessage(String line);

    public Path executable() {
        return executable;
    }

    /**
     * Opens {@code page} ({@code file://} or {@code http://127.0.0.1:PORT/...}) and waits for a console message
     * starting with {@code prefix} and a space.
     *
     * @return the rest of that message
     * @throws TimeoutException when no such message came in time (or the browser exited without one); the
     *                          exception's message carries the end of the browser's log
     */
    public String run(URI page, String prefix, Duration timeout) throws IOException, InterruptedException, TimeoutException {
        Path profile = Files.createTempDirectory(name() + "-profile");
        Process browser = new ProcessBuilder(command(profile, page)).redirectErrorStream(true).start();
        ConsoleScanner scanner = new ConsoleScanner(browser, prefix + " ");
        Thread reader = new Thread(scanner, name() + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return scanner.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TimeoutException(name() + " exited without a " + prefix + " line; its log ends:\n" + scanner.tail());
        } catch (TimeoutException e) {
            throw new TimeoutException("no " + prefix + " line within " + timeout + "; " + name() + "'s log ends:\n"
                    + scanner.tail());
        } finally {
            stop(browser);
            reader.join(TimeUnit.SECONDS.toMillis(5));
            deleteTree(profile);
        }
    }

    @Override
    public String toString() {
        return name() + " (" + executable + ")";
    }

    /** Ends the browser and the helper processes it started (content processes, GPU, zygote). */
    private static void stop(Process browser) throws InterruptedException {
        List<ProcessHandle> family = new ArrayList<>(browser.descendants().toList());
        family.add(browser.toHandle());
        family.forEach(ProcessHandle::destroy);
        if (!browser.waitFor(5, TimeUnit.SECONDS)) {
            family.forEach(ProcessHandle::destroyForcibly);
            browser.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // Helpers may still be writing the profile while they exit; a leftover temp dir is harmless.
        }
    }

    /** Reads the browser's output: completes {@link #result} at the first console message with the marker. */
    private final class ConsoleScanner implements Runnable {
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
                    new InputStreamReader(browser.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    remember(line);
                    consoleMessage(line).filter(message -> message.startsWith(marker))
                            .ifPresent(message -> result.complete(message.substring(marker.length())));
                }
            } catch (IOException e) {
                // the stream closes when the browser is stopped
            }
            result.completeExceptionally(new IOException(name() + "'s output ended"));
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
