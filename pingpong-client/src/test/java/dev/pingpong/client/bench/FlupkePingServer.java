package dev.pingpong.client.bench;

import dev.pingpong.certs.Certificates;
import dev.pingpong.certs.CertifiedKey;
import dev.pingpong.protocol.Frames;
import dev.pingpong.webtransport.FlupkeServers;
import tech.kwik.core.server.ServerConnector;
import tech.kwik.flupke.webtransport.WebTransportHttp3ApplicationProtocolFactory;
import tech.kwik.flupke.webtransport.WebTransportStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The other Java WebTransport stack: a flupke (kwik) server that answers our client's stream pings on
 * {@code /pingpong}, each PING read whole, turned into its PONG and written back. Prints {@code port N sha256 HEX}
 * and serves until killed.
 */
public final class FlupkePingServer {

    private FlupkePingServer() {
    }

    public static void main(String[] args) throws Exception {
        CertifiedKey key = Certificates.selfSigned();
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        ServerConnector server = FlupkeServers.connector(socket, key).build();
        WebTransportHttp3ApplicationProtocolFactory h3 = new WebTransportHttp3ApplicationProtocolFactory((request, response) -> {
            if (!"CONNECT".equals(request.method())) {
                response.setStatus(404);
            }
        });
        h3.registerWebTransportServer("/pingpong", session -> {
            session.setBidirectionalStreamReceiveHandler(stream -> new Thread(() -> answer(stream), "flupke-stream").start());
            session.open();
        });
        server.registerApplicationProtocol("h3", h3);
        server.start();
        System.out.println("port " + socket.getLocalPort() + " sha256 " + key.sha256Hex());
    }

    private static void answer(WebTransportStream stream) {
        try (InputStream in = stream.getInputStream(); OutputStream out = stream.getOutputStream()) {
            byte[] header = new byte[Frames.HEADER_LENGTH];
            while (in.readNBytes(header, 0, header.length) == header.length) {
                int payloadLength = ByteBuffer.wrap(header).getShort(Frames.LENGTH_OFFSET) & 0xFFFF;
                header[Frames.TYPE_OFFSET] = Frames.PONG;
                out.write(header);
                out.write(in.readNBytes(payloadLength));
                out.flush();
            }
        } catch (IOException e) {
            // The client went away: the stream is over.
        }
    }
}
