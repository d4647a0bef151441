package dev.pingpong.operator.recovery;

import dev.pingpong.operator.model.Side;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Which side answers for pings that get no pongs while both sides' pods look healthy, and from when its silence
 * counts. The client first: it is the side that saw the silence, and restarting it disturbs nobody else. If the
 * client was already restarted since the pongs stopped, and the server not since then, the server next; after
 * that the client again, and so on, each within its own maxRestartsPerHour. The silence counts from the latest
 * restart of either side, so the pods of a restart get unhealthyAfter to bring the pongs back before the other
 * side is restarted.
 */
public record PingSilence(Side blamed, Instant countedFrom) {

    /** @param silentSince when the pongs stopped (PingsFlowing turned False) */
    public static PingSilence of(Instant silentSince, Optional<Instant> lastClientRestart,
                                 Optional<Instant> lastServerRestart) {
        boolean clientTried = lastClientRestart.map(at -> at.isAfter(silentSince)).orElse(false);
        boolean serverTriedSince = lastServerRestart
                .map(at -> !at.isBefore(lastClientRestart.orElse(Instant.MIN))).orElse(false);
        Side blamed = clientTried && !serverTriedSince ? Side.SERVER : Side.CLIENT;
        Instant from = Stream.of(Optional.of(silentSince), lastClientRestart, lastServerRestart)
                .flatMap(Optional::stream).max(Comparator.naturalOrder()).orElseThrow();
        return new PingSilence(blamed, from);
    }
}
