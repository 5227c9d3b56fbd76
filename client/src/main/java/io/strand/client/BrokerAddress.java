package io.strand.client;

import java.util.Objects;

/**
 * Where a broker's Thrift port listens. {@link #parse(String)} reads {@code host:port}, {@code host}
 * (port 9090) or {@code [ipv6]:port}.
 */
public record BrokerAddress(String host, int port) {

    public static final int DEFAULT_PORT = 9090;
    public static final BrokerAddress DEFAULT = new BrokerAddress("127.0.0.1", DEFAULT_PORT);

    public BrokerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("broker host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1..65535, got " + port);
        }
    }

    /** @throws IllegalArgumentException when the text is not {@code host[:port]} */
    public static BrokerAddress parse(String text) {
        String s = Objects.requireNonNull(text, "text").trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in broker address: " + text);
            }
            String host = s.substring(1, close);
            String rest = s.substring(close + 1);
            return new BrokerAddress(host, rest.isEmpty() ? DEFAULT_PORT : portOf(rest.substring(1), text));
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new BrokerAddress(s, DEFAULT_PORT);
        }
        return new BrokerAddress(s.substring(0, colon), portOf(s.substring(colon + 1), text));
    }

    private static int portOf(String port, String text) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not host:port: " + text);
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
