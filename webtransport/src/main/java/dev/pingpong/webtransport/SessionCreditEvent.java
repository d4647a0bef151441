package dev.pingpong.webtransport;

/**
 * User events on a stream's pipeline under draft-16 session flow control. A QUIC stream's writability only reflects
 * QUIC's own window, so a handler that stops reading while its writes cannot go on (as Netty handlers do on
 * {@code channelWritabilityChanged}) also needs to know when writes wait for the peer's session credit.
 */
public enum SessionCreditEvent {
    /** Writes on this stream now wait for the peer's session credit (WT_MAX_DATA). */
    EXHAUSTED,
    /** Everything that waited has gone on; writes pass straight through again. */
    RESTORED
}
