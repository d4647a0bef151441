package dev.pingpong.client.discovery;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsQueryDecoder;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An authoritative DNS responder on 127.0.0.1 for the names a test gives it: SRV and A/AAAA records; every
 * other question gets NXDOMAIN (unknown name) or an empty answer (known name, other type).
 */
public final class TestDnsResponder implements AutoCloseable {

    private record Key(String name, DnsRecordType type) {
    }

    private final Map<Key, List<byte[]>> records = new ConcurrentHashMap<>();
    private final AtomicInteger queries = new AtomicInteger();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;

    public TestDnsResponder() throws InterruptedException {
        channel = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .handler(new ChannelInitializer<NioDatagramChannel>() {
                    @Override
                    protected void initChannel(NioDatagramChannel ch) {
                        ch.pipeline().addLast(new DatagramDnsQueryDecoder(), new DatagramDnsResponseEncoder(), new Answerer());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    public String hostPort() {
        return "127.0.0.1:" + address().getPort();
    }

    int queries() {
        return queries.get();
    }

    public TestDnsResponder srv(String name, SrvRecord record) {
        ByteBuf rdata = Unpooled.buffer();
        record.encode(rdata);
        byte[] bytes = new byte[rdata.readableBytes()];
        rdata.readBytes(bytes);
        return add(name, DnsRecordType.SRV, bytes);
    }

    public TestDnsResponder address(String name, InetAddress address) {
        return add(name, address.getAddress().length == 4 ? DnsRecordType.A : DnsRecordType.AAAA, address.getAddress());
    }

    private TestDnsResponder add(String name, DnsRecordType type, byte[] rdata) {
        records.computeIfAbsent(new Key(canonical(name), type), k -> new ArrayList<>()).add(rdata);
        return this;
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private boolean knows(String name) {
        return records.keySet().stream().anyMatch(k -> k.name().equals(name));
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Answerer extends SimpleChannelInboundHandler<DatagramDnsQuery> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramDnsQuery query) {
            queries.incrementAndGet();
            DnsQuestion question = query.recordAt(DnsSection.QUESTION);
            String name = canonical(question.name());
            DatagramDnsResponse response = new DatagramDnsResponse(query.recipient(), query.sender(), query.id());
            response.setAuthoritativeAnswer(true).setRecursionAvailable(true);
            response.addRecord(DnsSection.QUESTION, question);
            List<byte[]> answers = records.getOrDefault(new Key(name, question.type()), List.of());
            for (byte[] rdata : answers) {
                response.addRecord(DnsSection.ANSWER,
                        new DefaultDnsRawRecord(question.name(), question.type(), 60, Unpooled.wrappedBuffer(rdata)));
            }
            if (answers.isEmpty() && !knows(name)) {
                response.setCode(DnsResponseCode.NXDOMAIN);
            }
            ctx.writeAndFlush(response);
        }
    }
}
