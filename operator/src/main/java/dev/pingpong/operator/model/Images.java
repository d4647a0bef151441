package dev.pingpong.operator.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The default images: those built together with this operator, named by Maven into {@code images.properties}. */
public record Images(String server, String client) {

    private static final String RESOURCE = "/dev/pingpong/operator/images.properties";

    public static Images ofThisVersion() {
        Properties properties = new Properties();
        try (InputStream in = Images.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " missing from the operator jar");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Images(properties.getProperty("server.image"), properties.getProperty("client.image"));
    }
}
