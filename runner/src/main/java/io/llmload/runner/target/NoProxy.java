package io.llmload.runner.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A NO_PROXY list as curl and Go read it: {@code *} (every host), host names matched exactly or as a domain suffix
 * ({@code example.com} and {@code .example.com} both match {@code api.example.com}), IPv4 addresses and IPv4 CIDR
 * ranges. Ports in entries are ignored.
 */
final class NoProxy {

    private final List<String> entries;

    private NoProxy(List<String> entries) {
        this.entries = entries;
    }

    static NoProxy parse(List<String> raw) {
        List<String> entries = new ArrayList<>();
        if (raw != null) {
            for (String item : raw) {
                String e = item == null ? "" : item.trim().toLowerCase(Locale.ROOT);
                int colon = e.lastIndexOf(':');
                if (colon > 0 && e.indexOf(':') == colon) {
                    e = e.substring(0, colon); // "host:port" (not an IPv6 address)
                }
                if (!e.isEmpty()) {
                    entries.add(e);
                }
            }
        }
        return new NoProxy(entries);
    }

    boolean matches(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String e : entries) {
            if (e.equals("*") || e.equals(h)) {
                return true;
            }
            if (e.contains("/")) {
                if (inCidr(h, e)) {
                    return true;
                }
                continue;
            }
            String suffix = e.startsWith(".") ? e : "." + e;
            if (h.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** localhost, 127.0.0.0/8 and ::1: reached directly whatever the environment says. */
    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("[::1]")
                || inCidr(h, "127.0.0.0/8");
    }

    private static boolean inCidr(String host, String cidr) {
        String[] parts = cidr.split("/", 2);
        long address = ipv4(host);
        long network = ipv4(parts[0]);
        if (address < 0 || network < 0) {
            return false;
        }
        int bits;
        try {
            bits = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (bits < 0 || bits > 32) {
            return false;
        }
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (address & mask) == (network & mask);
    }

    /** The IPv4 address as a number, or -1 when the text is not a dotted quad. */
    private static long ipv4(String text) {
        String[] octets = text.split("\\.");
        if (octets.length != 4) {
            return -1;
        }
        long value = 0;
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(Character::isDigit)) {
                return -1;
            }
            int n = Integer.parseInt(octet);
            if (n > 255) {
                return -1;
            }
            value = value << 8 | n;
        }
        return value;
    }
}
