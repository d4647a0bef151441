package dev.pingpong.webtransport;

import io.netty.handler.codec.http3.Http3Headers;

import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * An extended CONNECT that asks for a WebTransport session. The application inspects it and calls exactly
 * one of {@link #accept}, or {@link #reject}. Handed over on the connection's event loop; must not block there.
 */
public interface SessionRequest {

    /**
     * What an accepted draft-02 session (the draft Chromium and Firefox speak) is answered with in
     * {@code sec-webtransport-http3-draft}; sessions of later drafts are answered without that header.
     */
    String ANSWERED_DRAFT = "draft02";

    String path();

    String authority();

    Optional<String> origin();

    Http3Headers headers();

    /** The draft the session will speak once accepted, as {@link WebTransportSession#draftName()} names it. */
    String draftName();

    /**
     * The subprotocols offered in {@code wt-available-protocols}, in the client's order; empty when the field is
     * absent, or malformed or holding anything but Strings, which draft-16 has ignored whole.
     */
    List<String> offeredProtocols();

    /** The client's certificates under mutual TLS, leaf first; empty otherwise. */
    List<X509Certificate> peerCertificates();

    SocketAddress remoteAddress();

    /** Accepts with no subprotocol. */
    WebTransportSession accept(SessionListener listener);

    /** Accepts and answers {@code wt-protocol: protocol}. */
    WebTransportSession accept(String protocol, SessionListener listener);

    /** Refuses with an HTTP status (403, 404, 429, 503, ...) and an empty body. */
    default void reject(int status) {
        reject(status, "");
    }

    /**
     * Refuses with an HTTP status and {@code explanation} as a plain-text body: what was wrong and how to get in.
     * Our client puts it into its {@link WebTransportException}; a browser shows the page nothing but a failed
     * handshake, so say the same in the server's log.
     */
    void reject(int status, String explanation);
}
