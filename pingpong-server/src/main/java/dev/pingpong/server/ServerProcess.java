package dev.pingpong.server;

import dev.pingpong.app.CommandLineRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;

/** The server as a process: start, serve until SIGTERM (or SIGINT), drain, exit 0. */
final class ServerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

    private ServerProcess() {
    }

    /** Returns only when startup fails; a started server ends the process from its shutdown hook. */
    static int run(ServerOptions options) throws Exception {
        PingPongServer server;
        try {
            server = PingPongServer.start(options, System.out);
        } catch (BindException e) {
            throw new CommandLineRunner.Failure("cannot bind", e);
        } catch (IOException | GeneralSecurityException e) {
            throw options.usage("cannot start: " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutdown: signal received");
            server.stop(options.drainTimeout);
            System.out.flush();
            System.err.flush();
            // The JVM reports a signal-initiated exit as 128+signal; a drained server has succeeded, so say 0.
            Runtime.getRuntime().halt(0);
        }, "shutdown"));
        // Serve until the shutdown hook ends the process.
        new CountDownLatch(1).await();
        return 0;
    }
}
