package dev.pingpong.client.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How big {@code make bench}'s runs are, each from an environment variable; {@code BENCH_QUICK=1} picks small
 * defaults for iteration (and leaves docs/ alone). The full defaults finish in about ten minutes on 2 cores.
 * {@code BENCH_ONLY}, a comma-separated list of udp, websocket, flupke, ours, floods, loads and handshakes, runs only
 * those parts (and leaves docs/ alone too); figures of the parts not run stay empty.
 */
record BenchSizes(boolean quick, int pings, int coldPings, int warmupPings, int windowStreamPings,
                  int windowDatagramPings, int fewSessions, int manySessions, int loadSeconds, int handshakeSeconds,
                  int handshakeWarmupSeconds,                   Set<String> only) {

    static BenchSizes of(Map<String, String> env) {
        boolean quick = "1".equals(env.get("BENCH_QUICK"));
        return new BenchSizes(quick,
                number(env, "BENCH_PINGS", quick ? 20_000 : 100_000),
                number(env, "BENCH_COLD_PINGS", quick ? 5_000 : 10_000),
                number(env, "BENCH_WARMUP_PINGS", quick ? 5_000 : 20_000),
                number(env, "BENCH_WINDOW_STREAM_PINGS", quick ? 100_000 : 1_000_000),
                number(env, "BENCH_WINDOW_DATAGRAM_PINGS", quick ? 50_000 : 300_000),
                number(env, "BENCH_FEW_SESSIONS", quick ? 200 : 1_000),
                number(env, "BENCH_MANY_SESSIONS", quick ? 1_000 : 10_000),
                number(env, "BENCH_LOAD_SECONDS", quick ? 10 : 40),
                number(env, "BENCH_HANDSHAKE_SECONDS", quick ? 3 : 10),
                number(env, "BENCH_HANDSHAKE_WARMUP_SECONDS", quick ? 5 : 20),
                parts(env.get("BENCH_ONLY")));
    }

    private static Set<String> parts(String value) {
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
