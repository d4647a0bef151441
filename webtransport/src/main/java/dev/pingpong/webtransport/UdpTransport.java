package dev.pingpong.webtransport;

/** The UDP socket implementation an endpoint runs on. */
public enum UdpTransport {
    /** Linux's native epoll transport: batched reads (recvmmsg), GSO sends, SO_REUSEPORT sockets. */
    EPOLL,
    /** Java's NIO datagram channels: every platform, one datagram per system call, one socket per address. */
    NIO
}
