package dev.pingpong.webtransport;

import dev.pingpong.webtransport.codec.WebTransportSettings;
import io.netty.handler.codec.http3.Http3Headers;
import io.netty.handler.codec.http3.Http3Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which draft a session speaks, decided over loopback QUIC from the client's SETTINGS and CONNECT. */
@Timeout(30)
class DraftNegotiationTest {

    private LoopbackPair pair;
    private final CompletableFuture<SessionRequest> requests = new CompletableFuture<>();
    private final CompletableFuture<WebTransportSession> accepted = new CompletableFuture<>();

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private void startServer() throws InterruptedException {
        pair = new LoopbackPair(WebTransportServer.builder().route("/d", request -> {
            requests.complete(request);
            accepted.complete(request.accept(new EchoListener()));
        }));
    }

    @Test
    void ourClientAndServerSpeakDraft16() throws Exception {
        startServer();
        WebTransportSession session = pair.connect("/d", new RecordingListener());
        assertEquals("draft-16", session.draftName());
        SessionRequest request = requests.get(5, TimeUnit.SECONDS);
        assertEquals("draft-16", request.draftName());
        assertEquals("webtransport-h3", request.headers().protocol().toString());
        assertNull(request.headers().get("sec-webtransport-http3-draft02"), "no draft-02 header in draft-16");
        assertEquals("draft-16", accepted.get(5, TimeUnit.SECONDS).draftName());
    }

    /** A client announcing {@code settings} sends {@code token}; the server's session and answer follow its draft. */
    @ParameterizedTest(name = "client {0} with {1} -> {2}")
    @CsvSource({
            "2b603742=1 33=1 ffd277=1, webtransport,    draft-02, draft02",
            "14e9cd29=1 33=1,          webtransport,    draft-13, -",
            "c671706a=1 33=1,          webtransport,    draft-07, -",
            "2c7cf000=1 33=1,          webtransport-h3, draft-16, -",
    })
    void theServerAnswersEachClientInItsDraft(String settings, String token, String expectedDraft,
                                              String draftAnswerHeader) throws Exception {
        startServer();
        Http3Settings clientSettings = new Http3Settings(WebTransportSettings.ACCEPT_ALL);
        for (String pair : settings.split(" ")) {
            String[] parts = pair.split("=");
            clientSettings.put(Long.parseLong(parts[0], 16), Long.parseLong(parts[1]));
        }
        try (RawHttp3Client client = new RawHttp3Client(pair.port(), clientSettings)) {
            Http3Headers connect = RawHttp3Client.connect(token, "/d");
            if (expectedDraft.equals("draft-02")) {
                connect.add("sec-webtransport-http3-draft02", "1");
            }
            Http3Headers answer = client.request(connect, false).get(5, TimeUnit.SECONDS);
            assertEquals("200", answer.status().toString());
            assertEquals(expectedDraft, requests.get(5, TimeUnit.SECONDS).draftName());
            assertEquals(expectedDraft, accepted.get(5, TimeUnit.SECONDS).draftName());
            CharSequence header = answer.get("sec-webtransport-http3-draft");
            if (draftAnswerHeader.equals("-")) {
                assertNull(header, "only draft-02 answers name their draft");
            } else {
                assertEquals(draftAnswerHeader, header.toString());
            }
        }
    }

    @Test
    void anUnknownUpgradeTokenIsNotWebTransport() throws Exception {
        startServer();
        try (RawHttp3Client client = new RawHttp3Client(pair.port(), RawHttp3Client.draft16Settings())) {
            assertEquals("404", client.request(RawHttp3Client.connect("webtransport-h4", "/d"), false).get(5, TimeUnit.SECONDS).status().toString());
            assertFalse(requests.isDone());
        }
    }
}
