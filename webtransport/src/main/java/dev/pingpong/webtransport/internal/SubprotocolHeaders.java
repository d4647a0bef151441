package dev.pingpong.webtransport.internal;

import dev.pingpong.webtransport.codec.StructuredFieldStrings;
import io.netty.handler.codec.http3.Http3Headers;

import java.util.List;

/**
 * The subprotocol fields of draft-16 section 3.3, which Chromium already sends in the draft-02 era under the same
 * names (HTTP/3 field names are lower case): the client's {@code wt-available-protocols}, a structured-field List
 * of Strings, and the server's {@code wt-protocol}, a String Item.
 */
final class SubprotocolHeaders {

    static final String OFFERED = "wt-available-protocols";
    static final String CHOSEN = "wt-protocol";

    private SubprotocolHeaders() {
    }

    /**
     * What the request offers, in the client's order: the field's lines joined as one List (RFC 9110 section 5.3).
     * A malformed field, or one with a member that is no String, is ignored whole: nothing is offered.
     */
    static List<String> offered(Http3Headers request, WebTransportConnection connection) {
        List<CharSequence> lines = request.getAll(OFFERED);
        if (lines.isEmpty()) {
            return List.of();
        }
        try {
            return List.copyOf(StructuredFieldStrings.parseList(String.join(", ", lines)));
        } catch (IllegalArgumentException e) {
            connection.endpoint().peerLog().report("ignored " + OFFERED, connection.remoteAddress(),
                    "ignored the request's " + OFFERED + ": " + e.getMessage());
            return List.of();
        }
    }
}
