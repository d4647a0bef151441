package dev.pingpong.operator.observe;

import java.time.Duration;

/**
 * One client pod's {@code /metrics} at one moment: its counters since the process started, and its RTT quantiles
 * over that run ({@code null} before its first pong, when the client publishes none).
 */
record ClientSample(long pings, long pongs, long lost, long reconnects, Duration rttP50, Duration rttP99) {
}
