package dev.pingpong.client.discovery;

import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsNameResolverTimeoutException;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code --discover dns:NAME}: the SRV record {@code _webtransport._udp.NAME}, its targets resolved to
 * addresses; without SRV records, the A/AAAA records of NAME with port 4433. Uses Netty's DNS resolver, with
 * the system's name servers or the one given by {@code --dns-server}.
 */
public final class DnsDiscovery implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DnsDiscovery.class);

    private final DnsNameResolver resolver;
    private final Duration queryTimeout;

    public DnsDiscovery(EventLoop loop, Optional<InetSocketAddress> dnsServer, Duration queryTimeout) {
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder(loop)
                .datagramChannelType(NioDatagramChannel.class)
                .queryTimeoutMillis(queryTimeout.toMillis());
        if (dnsServer.isPresent()) {
            // A private responder knows only its own names: no search domains from the system's resolv.conf.
            builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(dnsServer.get()))
                    .searchDomains(List.of())
                    .ndots(1);
        } else {
            builder.nameServerProvider(DnsServerAddressStreamProviders.platformDefault());
        }
        this.resolver = builder.build();
        this.queryTimeout = queryTimeout;
    }

    /**
     * Finds the server advertised under {@code method}'s name.
     *
     * @throws DiscoveryException when no record leads to an address
     */
    public ServerTarget find(DiscoveryMethod.Dns method) throws DiscoveryException, InterruptedException {
        List<SrvRecord> srv = lookupSrv(method.srvName());
        for (SrvRecord record : SrvRecord.connectOrder(srv, bound -> ThreadLocalRandom.current().nextInt(bound))) {
            Optional<InetAddress> address = lookupAddress(record.target());
            if (address.isPresent()) {
                log.info("discovered {} via SRV {} -> {}:{}", method, method.srvName(), record.target(), record.port());
                return target(method, address.get(), record.port());
            }
            log.info("SRV target {} of {} has no address; trying the next", record.target(), method);
        }
        if (!srv.isEmpty()) {
            throw new DiscoveryException("no SRV target of " + method.srvName() + " resolves to an address");
        }
        Optional<InetAddress> address = lookupAddress(method.name());
        if (address.isEmpty()) {
            throw new DiscoveryException("no SRV record " + method.srvName() + " and no A/AAAA record for " + method.name());
        }
        log.info("discovered {} via A/AAAA (no SRV record) -> {}:{}", method, address.get().getHostAddress(),
                ServerUrls.DEFAULT_PORT);
        return target(method, address.get(), ServerUrls.DEFAULT_PORT);
    }

    private static ServerTarget target(DiscoveryMethod.Dns method, InetAddress address, int port) {
        URI uri = ServerUrls.of(address, port, ServerUrls.DEFAULT_PATH);
        return new ServerTarget(uri, Optional.empty(), method.toString());
    }

    private List<SrvRecord> lookupSrv(String srvName) throws DiscoveryException, InterruptedException {
        List<DnsRecord> records = await(resolver.resolveAll(new DefaultDnsQuestion(srvName, DnsRecordType.SRV)),
                "SRV " + srvName).orElse(List.of());
        List<SrvRecord> result = new ArrayList<>();
        try {
            for (DnsRecord record : records) {
                if (record.type() == DnsRecordType.SRV && record instanceof DnsRawRecord raw) {
                    try {
                        result.add(SrvRecord.decode(raw.content()));
                    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                        log.warn("ignoring malformed SRV record for {}: {}", srvName, e.getMessage());
                    }
                }
            }
        } finally {
            records.forEach(ReferenceCountUtil::release);
        }
        return result;
    }

    private Optional<InetAddress> lookupAddress(String host) throws DiscoveryException, InterruptedException {
        return await(resolver.resolveAll(host), "A/AAAA " + host).flatMap(all -> all.stream().findFirst());
    }

    /** The result, or empty when the name does not exist or has no such record. */
    private <T> Optional<T> await(Future<T> future, String what) throws DiscoveryException, InterruptedException {
        try {
            // The resolver times out each query itself; the extra second only guards against a lost callback.
            return Optional.of(future.get(queryTimeout.toMillis() * 3 + 1000, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException && !(e.getCause().getCause() instanceof DnsNameResolverTimeoutException)) {
                log.debug("no {} record: {}", what, e.getCause().getMessage());
                return Optional.empty();
            }
            throw new DiscoveryException("DNS lookup " + what + " failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new DiscoveryException("DNS lookup " + what + " timed out");
        }
    }

    @Override
    public void close() {
        resolver.close();
    }
}
