package dev.pingpong.webtransport.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Headless Chromium (Debian's {@code chromium}). With {@code --enable-logging=stderr} it writes console messages
 * as {@code [...:INFO:CONSOLE:12] "RESULT {...}", source: file:///... (12)}, the text unescaped. Host names
 * resolve to nothing, so background services send no DNS query off the machine; 127.0.0.1 stays reachable.
 */
public final class Chromium extends HeadlessBrowser {

    public static final String NAME = "chromium";

    private static final String CONSOLE = ":CONSOLE";
    private static final String SOURCE_SUFFIX = "\", source: ";

    private Chromium(Path executable) {
        super(executable);
    }

    /** {@code /usr/bin/chromium}, else {@code chromium} or {@code chromium-browser} on the PATH. */
    public static Optional<Chromium> find() {
        return locate(Path.of("/usr/bin/chromium"), "chromium", "chromium-browser").map(Chromium::new);
    }

    /** For JUnit: see {@link HeadlessBrowser#assumeInstalled(String)}. */
    public static Chromium assumeInstalled() {
        return (Chromium) assumeInstalled(NAME);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean offersSubprotocols() {
        return true;
    }

    @Override
    public String fileOrigin() {
        return "file://";
    }

    @Override
    protected List<String> command(Path profile, URI page) {
        return List.of(executable().toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", page.toString());
    }

    @Override
    protected Optional<String> consoleMessage(String line) {
        int console = line.indexOf(CONSOLE);
        int start = console < 0 ? -1 : line.indexOf("] \"", console);
        int end = line.lastIndexOf(SOURCE_SUFFIX);
        return start < 0 || end < start + 3 ? Optional.empty() : Optional.of(line.substring(start + 3, end));
    }
}
