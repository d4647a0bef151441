package dev.pingpong.webtransport.internal;

/** The peer broke session flow control: the session is closed with WT_FLOW_CONTROL_ERROR. Expected, so no stack. */
final class FlowControlViolation extends Exception {

    FlowControlViolation(String message) {
        super(message, null, false, false);
    }
}
