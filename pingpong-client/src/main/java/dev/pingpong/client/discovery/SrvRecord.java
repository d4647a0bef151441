package dev.pingpong.client.discovery;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.dns.DefaultDnsRecordDecoder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One SRV answer (RFC 2782).
 *
 * @param target host name without the trailing dot; "" when the record says the service is not offered (".")
 */
public record SrvRecord(int priority, int weight, int port, String target) {

    /**
     * Decodes the RDATA of an SRV record. {@code rdata} must be positioned in the whole DNS message so that
     * compressed names resolve, as Netty's record decoder hands it over.
     *
     * @throws IllegalArgumentException when the RDATA is too short
     */
    public static SrvRecord decode(ByteBuf rdata) {
        if (rdata.readableBytes() < 7) {
            throw new IllegalArgumentException("SRV record of " + rdata.readableBytes() + " bytes is too short");
        }
        ByteBuf in = rdata.duplicate();
        int priority = in.readUnsignedShort();
        int weight = in.readUnsignedShort();
        int port = in.readUnsignedShort();
        String name = DefaultDnsRecordDecoder.decodeName(in);
        String target = name.equals(".") ? "" : name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return new SrvRecord(priority, weight, port, target);
    }

    /** The RDATA of this record, uncompressed. */
    public void encode(ByteBuf out) {
        out.writeShort(priority).writeShort(weight).writeShort(port);
        if (!target.isEmpty()) {
            for (String label : target.split("\\.")) {
                out.writeByte(label.length());
                out.writeCharSequence(label, java.nio.charset.StandardCharsets.US_ASCII);
            }
        }
        out.writeByte(0);
    }

    /** True when the record says the service is decidedly not available at this name (target "."). */
    public boolean isUnavailable() {
        return target.isEmpty();
    }

    /**
     * The order in which to try the targets: lowest priority first; within a priority, a weighted random
     * order (RFC 2782: a record of weight w is picked first with probability w / sum, weight 0 rarely).
     *
     * @param random given a bound n > 0, returns a uniform value in [0, n)
     */
    public static List<SrvRecord> connectOrder(List<SrvRecord> records, IntUnaryOperator random) {
        List<SrvRecord> sorted = new ArrayList<>(records);
        sorted.removeIf(SrvRecord::isUnavailable);
        sorted.sort(Comparator.comparingInt(SrvRecord::priority));
        List<SrvRecord> ordered = new ArrayList<>(sorted.size());
        int start = 0;
        while (start < sorted.size()) {
            int end = start;
            while (end < sorted.size() && sorted.get(end).priority() == sorted.get(start).priority()) {
                end++;
            }
            ordered.addAll(weightedOrder(new ArrayList<>(sorted.subList(start, end)), random));
            start = end;
        }
        return ordered;
    }

    private static List<SrvRecord> weightedOrder(List<SrvRecord> group, IntUnaryOperator random) {
        List<SrvRecord> ordered = new ArrayList<>(group.size());
        // Zero weights go first in the running sum so that they are chosen only when the draw is 0.
        group.sort(Comparator.comparingInt(SrvRecord::weight));
        while (!group.isEmpty()) {
            int total = 0;
            for (SrvRecord record : group) {
                total += record.weight();
            }
            int draw = random.applyAsInt(total + 1);
            int running = 0;
            int chosen = group.size() - 1;
            for (int i = 0; i < group.size(); i++) {
                running += group.get(i).weight();
                if (running >= draw) {
                    chosen = i;
                    break;
                }
            }
            ordered.add(group.remove(chosen));
        }
        return ordered;
    }
}
