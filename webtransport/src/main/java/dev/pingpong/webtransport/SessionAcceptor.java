package dev.pingpong.webtransport;

/** Decides on session requests for one path of a {@link WebTransportServer}. */
@FunctionalInterface
public interface SessionAcceptor {

    void onRequest(SessionRequest request);
}
