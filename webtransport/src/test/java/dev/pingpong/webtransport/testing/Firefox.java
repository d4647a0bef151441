package dev.pingpong.webtransport.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Headless Firefox (Debian's {@code firefox-esr}), driven by nothing but its command line and profile
 * preferences: {@code devtools.console.stdout.content} prints a page's console messages on stdout as
 * {@code console.log: "RESULT {\"ok\":true}"} (a JavaScript string literal), and
 * {@code dom.allow_scripts_to_close_windows} lets the page's {@code window.close()} end the browser.
 * The other preferences keep a test run on loopback: every host name resolves to localhost without a DNS
 * query (Firefox 153 ignores a changed remote-settings server outside its own automation), and update,
 * telemetry, safe-browsing and push traffic is off.
 */
public final class Firefox extends HeadlessBrowser {

    public static final String NAME = "firefox";

    /** The first release whose WebTransport takes {@code protocols} and exposes {@code protocol}. */
    private static final int FIRST_WITH_SUBPROTOCOLS = 155;
    private static final String CONSOLE_PREFIX = "console.log: \"";
    private static final Pattern VERSION = Pattern.compile("Firefox (\\d+)\\.");
    /** Where a background service would otherwise call home: a loopback port nothing listens on. */
    private static final String NOWHERE = "http://127.0.0.1:9/";
    private static final Map<String, Object> PREFERENCES = Map.ofEntries(
            Map.entry("devtools.console.stdout.content", true),
            Map.entry("dom.allow_scripts_to_close_windows", true),
            Map.entry("network.webtransport.enabled", true),
            Map.entry("network.webtransport.datagrams.enabled", true),
            Map.entry("app.update.disabledForTesting", true),
            Map.entry("app.normandy.enabled", false),
            Map.entry("browser.shell.checkDefaultBrowser", false),
            Map.entry("browser.startup.homepage_override.mstone", "ignore"),
            Map.entry("browser.startup.page", 0),
            Map.entry("browser.newtabpage.enabled", false),
            Map.entry("browser.aboutwelcome.enabled", false),
            Map.entry("browser.safebrowsing.malware.enabled", false),
            Map.entry("browser.safebrowsing.phishing.enabled", false),
            Map.entry("browser.safebrowsing.blockedURIs.enabled", false),
            Map.entry("browser.safebrowsing.downloads.enabled", false),
            Map.entry("browser.safebrowsing.update.enabled", false),
            Map.entry("browser.search.update", false),
            Map.entry("browser.region.update.enabled", false),
            Map.entry("browser.region.network.url", ""),
            Map.entry("datareporting.policy.dataSubmissionEnabled", false),
            Map.entry("datareporting.healthreport.uploadEnabled", false),
            Map.entry("toolkit.telemetry.enabled", false),
            Map.entry("toolkit.telemetry.server", NOWHERE),
            Map.entry("toolkit.telemetry.reportingpolicy.firstRun", false),
            Map.entry("extensions.update.enabled", false),
            Map.entry("extensions.getAddons.cache.enabled", false),
            Map.entry("extensions.blocklist.enabled", false),
            Map.entry("services.settings.server", NOWHERE),
            Map.entry("dom.push.connection.enabled", false),
            Map.entry("dom.push.serverURL", NOWHERE),
            Map.entry("media.gmp-manager.url", NOWHERE),
            Map.entry("geo.provider.network.url", NOWHERE),
            Map.entry("identity.fxaccounts.enabled", false),
            Map.entry("network.captive-portal-service.enabled", false),
            Map.entry("network.connectivity-service.enabled", false),
            Map.entry("network.dns.native-is-localhost", true),
            Map.entry("network.dns.disablePrefetch", true),
            Map.entry("network.prefetch-next", false),
            Map.entry("network.http.speculative-parallel-limit", 0));

    private final int majorVersion;

    private Firefox(Path executable, int majorVersion) {
        super(executable);
        this.majorVersion = majorVersion;
    }

    /** {@code /usr/bin/firefox-esr}, else {@code firefox-esr} or {@code firefox} on the PATH. */
    public static Optional<Firefox> find() {
        return locate(Path.of("/usr/bin/firefox-esr"), "firefox-esr", "firefox")
                .map(executable -> new Firefox(executable, majorVersion(executable)));
    }

    /** For JUnit: see {@link HeadlessBrowser#assumeInstalled(String)}. */
    public static Firefox assumeInstalled() {
        return (Firefox) assumeInstalled(NAME);
    }

    /** From {@code firefox --version} ("Mozilla Firefox 153.8.0esr"). */
    private static int majorVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher version = VERSION.matcher(output);
            if (!version.find()) {
                throw new IllegalStateException(executable + " --version printed no Firefox version: " + output);
            }
            return Integer.parseInt(version.group(1));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + executable + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted asking " + executable + " for its version", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Firefox 155 and later; ESR 153 neither sends {@code wt-available-protocols} nor has {@code protocol}. */
    @Override
    public boolean offersSubprotocols() {
        return majorVersion >= FIRST_WITH_SUBPROTOCOLS;
    }

    @Override
    public String fileOrigin() {
        return "null";
    }

    @Override
    protected List<String> command(Path profile, URI page) throws IOException {
        Files.writeString(profile.resolve("user.js"), PREFERENCES.entrySet().stream()
                .map(pref -> "user_pref(\"" + pref.getKey() + "\", " + literal(pref.getValue()) + ");")
                .collect(Collectors.joining("\n", "", "\n")));
        return List.of(executable().toString(), "--headless", "--no-remote", "--profile", profile.toString(),
                page.toString());
    }

    private static String literal(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : value.toString();
    }

    @Override
    protected Optional<String> consoleMessage(String line) {
        if (!line.startsWith(CONSOLE_PREFIX) || !line.endsWith("\"")) {
            return Optional.empty();
        }
        return Optional.of(unescape(line.substring(CONSOLE_PREFIX.length(), line.length() - 1)));
    }

    /**
     * The value of a JavaScript string literal's body: Firefox escapes quotes, backslashes and control
     * characters, and writes non-ASCII characters as x or u hex escapes.
     */
    static String unescape(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 == body.length()) {
                out.append(c);
                continue;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'x' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }
}
