package dev.pingpong.client;

import dev.pingpong.app.CommandLineRunner;

/**
 * Why a run, or one session loop of it, ended. {@link Reason#exitStatus} is the one place where the client's exit
 * statuses are chosen.
 *
 * @param message what to tell the user on standard error; empty when the reason says it all
 */
record Ending(Reason reason, String message) {

    /** In increasing precedence: when loops end differently, the run ends with the highest. */
    enum Reason {
        /** Every ping was sent and answered. */
        ALL_ANSWERED(0),
        /** Every ping was sent and settled, some as lost. */
        SOME_LOST(1),
        /**
         * Stopped by SIGINT or SIGTERM. The JVM, already shutting down, exits with 128 + the signal's number (130 or
         * 143) before this status is used; {@code Main.run} returns it to an in-process caller.
         */
        INTERRUPTED(130),
        /** No server found or reached within {@code --connect-timeout}, or one that refused for good (TLS, 403, 404). */
        NO_SERVER(3),
        /** A flag value that only the server or the files could prove wrong (a PING too large for one datagram, TLS files). */
        BAD_USAGE(CommandLineRunner.USAGE);

        final int exitStatus;

        Reason(int exitStatus) {
            this.exitStatus = exitStatus;
        }
    }

    static Ending of(Reason reason) {
        return new Ending(reason, "");
    }

    /** A loop (or run) that sent all its pings: answered or not decides the status. */
    static Ending completed(long lost) {
        return of(lost > 0 ? Reason.SOME_LOST : Reason.ALL_ANSWERED);
    }

    /** The ending of two loops together: the one of higher precedence, this one on a tie. */
    Ending and(Ending other) {
        return other.reason.ordinal() > reason.ordinal() ? other : this;
    }

    int exitStatus() {
        return reason.exitStatus;
    }
}
