package dev.gantry.cli;

import dev.gantry.ExitCode;
import dev.gantry.GantryException;
import dev.gantry.Reason;
import dev.gantry.config.Installation;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The probes of {@code gantry doctor} that are not a Docker engine, a registry or the store. */
final class Checks {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Map<String, String> PACKAGES = Map.of("etcd", "etcd-server");
    private static final String LUA_MODULE = "/usr/lib/nginx/modules/ngx_http_lua_module.so";

    private Checks() {
    }

    /** A probe of each proxy binary: HAProxy and nginx, whichever is configured first. */
    static Map<String, Supplier<String>> proxies(Installation installation) {
        Map<String, Supplier<String>> probes = new LinkedHashMap<>();
        probes.put("haproxy", () -> version(List.of("haproxy", "-v"), "haproxy", installation.proxy()));
        probes.put("nginx", () -> version(List.of("nginx", "-v"), "nginx", installation.proxy()) + luaModule());
        return probes;
    }

    /** Gantry's nginx routes through a Lua route table: without the module it cannot switch. */
    private static String luaModule() {
        if (!Files.exists(Path.of(LUA_MODULE))) {
            throw new Problem("nginx is installed but its Lua module (" + LUA_MODULE + ") is not, and Gantry's nginx"
                    + " routes through it. Install it: apt-get install -y libnginx-mod-http-lua lua-resty-core"
                    + " (bin/env-up does)");
        }
        return ", with its Lua module";
    }

    /** etcd's health, when discovery is etcd; otherwise says it is not used. */
    static String etcd(Installation installation) {
        String discovery = installation.discovery();
        if (!discovery.startsWith("etcd://")) {
            return version(List.of("etcd", "--version"), "etcd", "") + "; not used (discovery: " + discovery
                    + "; set GANTRY_DISCOVERY=etcd://HOST:PORT to use etcd)";
        }
        String url = "http://" + discovery.substring("etcd://".length()) + "/health";
        try {
            var response = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().send(
                    HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
                return discovery + " is healthy";
            }
            throw new Problem("etcd at " + discovery + " answered " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw new Problem("cannot reach etcd at " + url + " (" + Reason.of(e) + "). Start it (bin/env-up starts one on"
                    + " 127.0.0.1:2379) or fix GANTRY_DISCOVERY.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem("interrupted while checking etcd");
        }
    }

    private static String version(List<String> command, String name, String configured) {
        String used = name.equals(configured) ? " (the configured proxy)" : "";
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new Problem(name + " -v did not answer within " + TIMEOUT.toSeconds() + "s");
            }
            return output.lines().findFirst().orElse(name) + used;
        } catch (IOException e) {
            throw new Problem(name + " is not installed or not on PATH. Install it: apt-get install -y "
                    + PACKAGES.getOrDefault(name, name) + " (bin/env-up does)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem("interrupted while checking " + name);
        }
    }

    /** A problem found by a probe. */
    static final class Problem extends GantryException {
        Problem(String message) {
            super(message);
        }

        @Override
        public ExitCode exitCode() {
            return ExitCode.ENVIRONMENT_UNUSABLE;
        }
    }
}
