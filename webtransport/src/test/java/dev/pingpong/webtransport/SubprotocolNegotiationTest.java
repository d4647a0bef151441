package dev.pingpong.webtransport;

import io.netty.handler.codec.http3.Http3Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code wt-available-protocols} as the server reads it from clients our own would never be. */
@Timeout(30)
class SubprotocolNegotiationTest {

    private LoopbackPair pair;
    private final CompletableFuture<List<String>> offered = new CompletableFuture<>();

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    /** Sends a draft-16 CONNECT with {@code fieldLines} as its wt-available-protocols lines; the server's answer. */
    private Http3Headers connectOffering(String... fieldLines) throws Exception {
        pair = new LoopbackPair(WebTransportServer.builder().route("/p", request -> {
            offered.complete(request.offeredProtocols());
            request.accept(request.offeredProtocols().isEmpty() ? null : request.offeredProtocols().get(0),
                    new EchoListener());
        }));
        try (RawHttp3Client client = new RawHttp3Client(pair.port(), RawHttp3Client.draft16Settings())) {
            Http3Headers connect = RawHttp3Client.connect("webtransport-h3", "/p");
            for (String line : fieldLines) {
                connect.add("wt-available-protocols", line);
            }
            return client.request(connect, false).get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void fieldLinesAreOneList() throws Exception {
        Http3Headers answer = connectOffering("\"a-v1\", \"b-v1\"", "\"c-v1\";q=1");
        assertEquals(List.of("a-v1", "b-v1", "c-v1"), offered.get(5, TimeUnit.SECONDS));
        assertEquals("\"a-v1\"", answer.get("wt-protocol").toString());
    }

    @Test
    void aFieldWithATokenIsIgnoredWhole() throws Exception {
        Http3Headers answer = connectOffering("\"a-v1\", b-v1");
        assertEquals(List.of(), offered.get(5, TimeUnit.SECONDS));
        assertEquals("200", answer.status().toString());
        assertNull(answer.get("wt-protocol"), "nothing offered, nothing chosen");
    }

    @Test
    void aMalformedFieldIsIgnoredWhole() throws Exception {
        connectOffering("\"a-v1");
        assertEquals(List.of(), offered.get(5, TimeUnit.SECONDS));
        assertEquals(1L, pair.server.stats().counters().get("sessions_accepted"));
    }
}
