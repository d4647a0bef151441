package dev.pingpong.client.it.lossy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A UDP relay in user space that impairs what passes it, since this kernel has no netem: clients send to
 * {@link #address()}, the relay forwards to the server from one socket of its own per client address (so the
 * server sees as many peers as there are clients) and sends the answers back. Each direction has its own
 * {@link Impairment} and blackhole switch, and its own random source from the seed, so a run is reproducible
 * given the order packets arrive in.
 * <p>
 * Loopback only, both sides. Bounded: at most {@link #MAX_CLIENTS} client addresses and {@link #MAX_WAITING}
 * delayed packets (the excess is dropped and counted as overflow). It stops by itself after its lifetime, so a
 * test that forgets it leaves no thread or socket behind for long. One thread does everything.
 */
public final class LossyRelay implements AutoCloseable {

    public enum Direction { TO_SERVER, TO_CLIENT }

    /** What one direction has seen so far. */
    public record Counts(long received, long forwarded, long lost, long blackholed, long overflowed) {

        /** The share of received packets the relay dropped on purpose (loss and blackhole). */
        public double dropRate() {
            return received == 0 ? 0 : (double) (lost + blackholed) / received;
        }
    }

    public static final int MAX_CLIENTS = 64;
    public static final int MAX_WAITING = 20_000;
    private static final int MAX_DATAGRAM = 65_535;
    private static final int RECEIVED = 0;
    private static final int FORWARDED = 1;
    private static final int LOST = 2;
    private static final int BLACKHOLED = 3;
    private static final int OVERFLOWED = 4;

    /** A packet waiting out its delay. */
    private record Waiting(long dueNanos, long order, ByteBuffer data, DatagramChannel out, SocketAddress target,
                           Direction direction) {
    }

    private final InetSocketAddress server;
    private final Selector selector;
    private final DatagramChannel front;
    private final InetSocketAddress address;
    private final Map<SocketAddress, DatagramChannel> upstreams = new HashMap<>();
    private final PriorityQueue<Waiting> waiting = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.order, b.order));
    private final Map<Direction, SplittableRandom> random = new EnumMap<>(Direction.class);
    private final Map<Direction, AtomicLongArray> counts = new EnumMap<>(Direction.class);
    private final Map<Direction, Impairment> impairments = new EnumMap<>(Direction.class);
    private final Map<Direction, Boolean> blackholes = new EnumMap<>(Direction.class);
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private final long stopAtNanos;
    private final Thread thread;
    private long order;
    private volatile boolean closed;

    private LossyRelay(InetSocketAddress server, long seed, Duration lifetime) throws IOException {
        if (!server.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the relay forwards to loopback only, not to " + server);
        }
        this.server = server;
        this.stopAtNanos = System.nanoTime() + lifetime.toNanos();
        SplittableRandom seeds = new SplittableRandom(seed);
        for (Direction direction : Direction.values()) {
            random.put(direction, seeds.split());
            counts.put(direction, new AtomicLongArray(5));
            impairments.put(direction, Impairment.NONE);
            blackholes.put(direction, false);
        }
        selector = Selector.open();
        front = DatagramChannel.open(family(server.getAddress()));
        front.bind(new InetSocketAddress(server.getAddress(), 0));
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        address = (InetSocketAddress) front.getLocalAddress();
        thread = new Thread(this::run, "lossy-relay-" + address.getPort());
        thread.setDaemon(true);
    }

    /** A relay in front of {@code server} (a loopback address), stopping by itself after {@code lifetime}. */
    public static LossyRelay start(InetSocketAddress server, long seed, Duration lifetime) throws IOException {
        LossyRelay relay = new LossyRelay(server, seed, lifetime);
        relay.thread.start();
        return relay;
    }

    /** Where clients send to. */
    public InetSocketAddress address() {
        return address;
    }

    /** Impairs packets of {@code direction} from now on. */
    public void impair(Direction direction, Impairment impairment) {
        synchronized (impairments) {
            impairments.put(direction, impairment);
        }
    }

    /** Impairs both directions alike. */
    public void impairBoth(Impairment impairment) {
        for (Direction direction : Direction.values()) {
            impair(direction, impairment);
        }
    }

    /** While on, every packet of {@code direction} is dropped. */
    public void blackhole(Direction direction, boolean on) {
        synchronized (impairments) {
            blackholes.put(direction, on);
        }
    }

    /** Blackholes (or heals) both directions. */
    public void blackholeBoth(boolean on) {
        for (Direction direction : Direction.values()) {
            blackhole(direction, on);
        }
    }

    public Counts counts(Direction direction) {
        AtomicLongArray c = counts.get(direction);
        return new Counts(c.get(RECEIVED), c.get(FORWARDED), c.get(LOST), c.get(BLACKHOLED), c.get(OVERFLOWED));
    }

    /** Client addresses served, each with its own socket towards the server. */
    public synchronized int clients() {
        return upstreams.size();
    }

    public boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        selector.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(5));
    }

    private void run() {
        try {
            while (!closed && System.nanoTime() - stopAtNanos < 0) {
                long now = System.nanoTime();
                Waiting next = waiting.peek();
                long waitNanos = Math.min(next == null ? Long.MAX_VALUE : next.dueNanos - now, stopAtNanos - now);
                if (waitNanos <= 0) {
                    selector.selectNow();
                } else {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos)));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    receiveAll((DatagramChannel) key.channel(), (SocketAddress) key.attachment());
                }
                selector.selectedKeys().clear();
                sendDue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeSockets();
        }
    }

    /** Drains one socket: from the front when {@code client} is null, else from that client's upstream socket. */
    private void receiveAll(DatagramChannel channel, SocketAddress client) throws IOException {
        SocketAddress from;
        while (!closed && (from = receive(channel)) != null) {
            ByteBuffer data = copyOf(buffer);
            if (client == null) {
                fromClient(from, data);
            } else {
                pass(Direction.TO_CLIENT, data, front, client);
            }
        }
    }

    private SocketAddress receive(DatagramChannel channel) throws IOException {
        buffer.clear();
        SocketAddress from = channel.receive(buffer);
        buffer.flip();
        return from;
    }

    private void fromClient(SocketAddress client, ByteBuffer data) throws IOException {
        if (!((InetSocketAddress) client).getAddress().isLoopbackAddress()) {
            return;
        }
        DatagramChannel upstream = upstreams.get(client);
        if (upstream == null) {
            if (upstreams.size() >= MAX_CLIENTS) {
                counts.get(Direction.TO_SERVER).incrementAndGet(OVERFLOWED);
                return;
            }
            upstream = DatagramChannel.open(family(server.getAddress()));
            upstream.bind(new InetSocketAddress(server.getAddress(), 0));
            upstream.configureBlocking(false);
            upstream.register(selector, SelectionKey.OP_READ, client);
            synchronized (this) {
                upstreams.put(client, upstream);
            }
        }
        pass(Direction.TO_SERVER, data, upstream, server);
    }

    /** Applies {@code direction}'s impairment to one packet: drop, send now, or wait. */
    private void pass(Direction direction, ByteBuffer data, DatagramChannel out, SocketAddress target) throws IOException {
        AtomicLongArray c = counts.get(direction);
        c.incrementAndGet(RECEIVED);
        Impairment impairment;
        boolean blackholed;
        synchronized (impairments) {
            impairment = impairments.get(direction);
            blackholed = blackholes.get(direction);
        }
        SplittableRandom r = random.get(direction);
        // Always three draws per packet, so that what happens to one packet does not shift the dice of the next.
        double lossDraw = r.nextDouble();
        double reorderDraw = r.nextDouble();
        double jitterDraw = r.nextDouble() * 2 - 1;
        if (blackholed) {
            c.incrementAndGet(BLACKHOLED);
            return;
        }
        if (lossDraw < impairment.loss()) {
            c.incrementAndGet(LOST);
            return;
        }
        long delayNanos = reorderDraw < impairment.reorder() ? 0
                : Math.max(0, impairment.delay().toNanos() + (long) (jitterDraw * impairment.jitter().toNanos()));
        if (delayNanos == 0) {
            send(direction, data, out, target);
        } else if (waiting.size() >= MAX_WAITING) {
            c.incrementAndGet(OVERFLOWED);
        } else {
            waiting.add(new Waiting(System.nanoTime() + delayNanos, order++, data, out, target, direction));
        }
    }

    private void sendDue() throws IOException {
        long now = System.nanoTime();
        while (!waiting.isEmpty() && waiting.peek().dueNanos - now <= 0) {
            Waiting due = waiting.poll();
            send(due.direction, due.data, due.out, due.target);
        }
    }

    private void send(Direction direction, ByteBuffer data, DatagramChannel out, SocketAddress target) throws IOException {
        if (out.isOpen() && out.send(data, target) > 0) {
            counts.get(direction).incrementAndGet(FORWARDED);
        }
    }

    private void closeSockets() {
        closed = true;
        try {
            selector.close();
            front.close();
            synchronized (this) {
                for (DatagramChannel upstream : upstreams.values()) {
                    upstream.close();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer copyOf(ByteBuffer received) {
        ByteBuffer copy = ByteBuffer.allocate(received.remaining());
        copy.put(received).flip();
        return copy;
    }

    private static StandardProtocolFamily family(InetAddress address) {
        return address instanceof java.net.Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
    }
}
