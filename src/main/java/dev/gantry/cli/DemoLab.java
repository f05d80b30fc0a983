package dev.gantry.cli;

import dev.gantry.cli.DemoCommand.DemoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The lab that bin/env-up leaves in {@code .env/} of Gantry's source tree (docs/environment.md), as the demo uses
 * it: the variables of {@code .env/gantry.env} (the lab's registry and etcd logins, the Swarm manager as DOCKER_HOST
 * and the CD engine as GANTRY_CD_DOCKER_HOST); each node's DOCKER_HOST from {@code bin/lab nodes}. A variable
 * already set in the environment wins over the file.
 */
final class DemoLab {
    private final Path root;

    DemoLab(Path root) {
        this.root = root;
    }

    /** The environment the demo's installation is read from. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        for (String line : lines(root.resolve(".env/gantry.env"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && !line.startsWith("GANTRY_TEST_")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        env.putAll(System.getenv());
        return env;
    }

    /** The DOCKER_HOST of the lab node named {@code name} (its hostname in the Swarm), as {@code bin/lab nodes} lists it. */
    String nodeDockerHost(String name) {
        try {
            Process lab = new ProcessBuilder(root.resolve("bin/lab").toString(), "nodes").redirectErrorStream(true).start();
            String listing = new String(lab.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!lab.waitFor(30, TimeUnit.SECONDS) || lab.exitValue() != 0) {
                throw new DemoException("bin/lab nodes failed: " + listing.strip());
            }
            return listing.lines().map(line -> line.trim().split("\\s+"))
                    .filter(fields -> fields.length >= 3 && fields[0].equals(name))
                    .map(fields -> fields[2]).findFirst()
                    .orElseThrow(() -> new DemoException("bin/lab nodes lists no node " + name + ": " + listing.strip()));
        } catch (IOException e) {
            throw new DemoException("cannot run bin/lab nodes: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while listing the lab's nodes");
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new DemoException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
