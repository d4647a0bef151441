package dev.pingpong.operator.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pingpong.operator.model.Side;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PingSilenceTest {

    private static final Instant SILENT_SINCE = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void theClientFirst() {
        PingSilence silence = PingSilence.of(SILENT_SINCE, Optional.empty(), Optional.empty());
        assertEquals(new PingSilence(Side.CLIENT, SILENT_SINCE), silence);
    }

    @Test
    void restartsBeforeTheSilenceDoNotCount() {
        PingSilence silence = PingSilence.of(SILENT_SINCE, Optional.of(SILENT_SINCE.minusSeconds(600)),
                Optional.of(SILENT_SINCE.minusSeconds(300)));
        assertEquals(new PingSilence(Side.CLIENT, SILENT_SINCE), silence);
    }

    @Test
    void theServerOnceTheClientWasRestartedInVainAndCountingFromThatRestart() {
        Instant clientRestart = SILENT_SINCE.plusSeconds(60);
        PingSilence silence = PingSilence.of(SILENT_SINCE, Optional.of(clientRestart), Optional.empty());
        assertEquals(new PingSilence(Side.SERVER, clientRestart), silence);
    }

    @Test
    void thenTheClientAgain() {
        Instant serverRestart = SILENT_SINCE.plusSeconds(120);
        PingSilence silence = PingSilence.of(SILENT_SINCE, Optional.of(SILENT_SINCE.plusSeconds(60)),
                Optional.of(serverRestart));
        assertEquals(new PingSilence(Side.CLIENT, serverRestart), silence);
    }

    @Test
    void aServerRestartedAloneSinceTheSilenceLeavesItToTheClient() {
        Instant serverRestart = SILENT_SINCE.plusSeconds(30);
        PingSilence silence = PingSilence.of(SILENT_SINCE, Optional.empty(), Optional.of(serverRestart));
        assertEquals(new PingSilence(Side.CLIENT, serverRestart), silence);
    }
}
