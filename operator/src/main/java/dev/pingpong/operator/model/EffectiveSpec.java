package dev.pingpong.operator.model;

import dev.pingpong.app.GoDurations;
import dev.pingpong.operator.certs.RenewalSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A pair's spec with every default applied and every rule checked: the only place that knows the defaults.
 * The API server validates the same rules through the CRD schema; they are checked again here because a
 * server without schema validation (or an older CRD) must still not get a broken Deployment.
 */
public record EffectiveSpec(String serverImage, int serverReplicas, int serverPort,
                            String clientImage, int clientReplicas, Duration clientInterval, ClientMode clientMode,
                            Duration tlsDuration, Duration tlsRenewBefore, boolean mutualTls,
                            boolean recoveryEnabled, Duration unhealthyAfter, int maxRestartsPerHour) {

    public static final int DEFAULT_REPLICAS = 1;
    public static final int DEFAULT_PORT = 4433;
    public static final String DEFAULT_INTERVAL = "1s";
    public static final String DEFAULT_TLS_DURATION = "240h";
    public static final Duration MINIMUM_TLS_DURATION = Duration.ofSeconds(60);
    public static final String DEFAULT_UNHEALTHY_AFTER = "60s";
    public static final int DEFAULT_MAX_RESTARTS_PER_HOUR = 6;

    /** Resolves {@code spec} (which may be null); InvalidSpecException lists every problem at once. */
    public static EffectiveSpec resolve(PingPongPairSpec spec, Images images) {
        PingPongPairSpec given = spec == null ? new PingPongPairSpec() : spec;
        ServerSpec server = Optional.ofNullable(given.getServer()).orElseGet(ServerSpec::new);
        ClientSpec client = Optional.ofNullable(given.getClient()).orElseGet(ClientSpec::new);
        TlsSpec tls = Optional.ofNullable(given.getTls()).orElseGet(TlsSpec::new);
        RecoverySpec recovery = Optional.ofNullable(given.getRecovery()).orElseGet(RecoverySpec::new);
        Problems problems = new Problems();

        int serverReplicas = problems.atLeast("server.replicas", orDefault(server.getReplicas(), DEFAULT_REPLICAS), 0);
        int port = orDefault(server.getPort(), DEFAULT_PORT);
        if (port < 1 || port > 65535) {
            problems.add("server.port: " + port + " is not a port number (1..65535)");
        }
        int clientReplicas = problems.atLeast("client.replicas", orDefault(client.getReplicas(), DEFAULT_REPLICAS), 0);
        Duration interval = problems.duration("client.interval", orDefault(client.getInterval(), DEFAULT_INTERVAL),
                Duration.ZERO);
        Duration tlsDuration = problems.duration("tls.duration", orDefault(tls.getDuration(), DEFAULT_TLS_DURATION),
                MINIMUM_TLS_DURATION);
        Duration renewBefore = tls.getRenewBefore() == null
                ? RenewalSchedule.defaultRenewBefore(tlsDuration)
                : problems.duration("tls.renewBefore", tls.getRenewBefore(), Duration.ofSeconds(1));
        try {
            RenewalSchedule.validate(tlsDuration, renewBefore);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        Duration unhealthyAfter = problems.duration("recovery.unhealthyAfter",
                orDefault(recovery.getUnhealthyAfter(), DEFAULT_UNHEALTHY_AFTER), Duration.ofSeconds(1));
        int maxRestarts = problems.atLeast("recovery.maxRestartsPerHour",
                orDefault(recovery.getMaxRestartsPerHour(), DEFAULT_MAX_RESTARTS_PER_HOUR), 0);
        problems.throwIfAny();

        return new EffectiveSpec(
                orDefault(server.getImage(), images.server()), serverReplicas, port,
                orDefault(client.getImage(), images.client()), clientReplicas, interval,
                orDefault(client.getMode(), ClientMode.STREAM),
                tlsDuration, renewBefore, orDefault(tls.getMutual(), true),
                orDefault(recovery.getEnabled(), true), unhealthyAfter, maxRestarts);
    }

    public int replicas(Side side) {
        return side == Side.SERVER ? serverReplicas : clientReplicas;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** Collects every problem of a spec so the user fixes them in one edit. */
    private static final class Problems {
        private final List<String> messages = new ArrayList<>();

        void add(String message) {
            messages.add(message);
        }

        int atLeast(String field, int value, int minimum) {
            if (value < minimum) {
                add(field + ": " + value + " is below the minimum " + minimum);
            }
            return value;
        }

        /** The parsed duration, or {@code minimum} (only to go on collecting problems) when it is invalid. */
        Duration duration(String field, String text, Duration minimum) {
            Duration value;
            try {
                value = GoDurations.parse(text);
            } catch (IllegalArgumentException e) {
                add(field + ": " + e.getMessage());
                return minimum;
            }
            if (value.compareTo(minimum) < 0) {
                add(field + ": \"" + text + "\" is shorter than the minimum " + GoDurations.format(minimum));
                return minimum;
            }
            return value;
        }

        void throwIfAny() {
            if (!messages.isEmpty()) {
                throw new InvalidSpecException(String.join("; ", messages));
            }
        }
    }
}
