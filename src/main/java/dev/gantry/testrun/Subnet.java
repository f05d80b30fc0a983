package dev.gantry.testrun;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP subnet in CIDR form ({@code 172.18.0.0/16}): which peers a relay serves. */
record Subnet(byte[] network, int bits) {

    /** Parses {@code address/bits}, as Docker reports a network's subnet. */
    static Subnet parse(String cidr) {
        int slash = cidr.indexOf('/');
        try {
            byte[] network = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            int bits = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("a subnet's prefix length is 0 to " + network.length * 8 + ": " + cidr);
            }
            return new Subnet(network, bits);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a subnet in CIDR form (address/bits): " + cidr, e);
        }
    }

    /** Whether {@code address} is inside this subnet (an address of the other IP version never is). */
    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < bits; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
