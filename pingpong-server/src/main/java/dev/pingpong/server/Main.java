package dev.pingpong.server;

import dev.pingpong.app.CommandLineRunner;

/** {@code java -jar pingpong-server.jar --help} */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineRunner.run(new ServerOptions(), args));
    }
}
