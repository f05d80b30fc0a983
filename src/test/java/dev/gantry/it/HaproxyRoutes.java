package dev.gantry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The managed HAProxy's routing as its runtime API reports it (management guide 9.3), asked over
 * the admin socket directly, not through Gantry's client: every server of every backend with its
 * admin and operational state and weight ({@code show servers state}), and every map entry
 * ({@code show map}). A parked server (maintenance) routes nothing, so its address is not part of
 * the table: parking leaves the last address in place, and which one that is changes nothing.
 * Times and health-check counters are left out: they change while nothing changes.
 */
final class HaproxyRoutes implements ProductionState.ProxyRoutes {
    /**
     * srv_admin_state's maintenance bits (HAProxy's SRV_ADMF_MAINT: forced, inherited, resolution) and
     * drain bits (SRV_ADMF_DRAIN). The "disabled in the configuration" bit is history, not routing.
     */
    private static final int MAINTENANCE = 0x23;
    private static final int DRAIN = 0x18;

    private final Path socket;

    HaproxyRoutes(Path home) {
        this.socket = home.resolve("proxy").resolve("haproxy").resolve("admin.sock");
    }

    @Override
    public List<String> table() {
        List<String> table = new ArrayList<>(servers(send("show servers state")));
        for (String map : mapFiles(send("show map"))) {
            send("show map " + map).lines().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> "map " + Path.of(map).getFileName() + " " + l.substring(l.indexOf(' ') + 1))
                    .forEach(table::add);
        }
        return List.copyOf(table);
    }

    /** "server BACKEND/SERVER ADDR:PORT ready|draining op=N weight=N", or "server BACKEND/SERVER parked". */
    static List<String> servers(String answer) {
        List<String> lines = answer.lines().filter(l -> !l.isBlank()).toList();
        List<String> header = lines.stream().filter(l -> l.startsWith("# ")).findFirst()
                .map(l -> Arrays.asList(l.substring(2).split(" "))).orElseThrow(() ->
                        new IllegalStateException("not a show servers state answer: " + answer.strip()));
        List<String> servers = new ArrayList<>();
        for (String line : lines.stream().filter(l -> !l.startsWith("#") && l.contains(" ")).toList()) {
            String[] f = line.split(" ");
            String name = "server " + f[header.indexOf("be_name")] + "/" + f[header.indexOf("srv_name")];
            int admin = Integer.parseInt(f[header.indexOf("srv_admin_state")]);
            servers.add((admin & MAINTENANCE) != 0 ? name + " parked"
                    : name + " " + f[header.indexOf("srv_addr")] + ":" + f[header.indexOf("srv_port")]
                    + ((admin & DRAIN) != 0 ? " draining" : " ready") + " op=" + f[header.indexOf("srv_op_state")]
                    + " weight=" + f[header.indexOf("srv_uweight")]);
        }
        return servers;
    }

    /** The files of {@code show map}'s lines "ID (FILE) description…". */
    private static List<String> mapFiles(String answer) {
        return answer.lines().filter(l -> l.contains(" (") && l.contains(") "))
                .map(l -> l.substring(l.indexOf(" (") + 2, l.indexOf(") "))).toList();
    }

    /** One command on one connection; HAProxy answers and closes in non-interactive mode. */
    private String send(String command) {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.shutdownOutput();
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("asking HAProxy's admin socket " + socket + " `" + command + "` failed", e);
        }
    }
}
