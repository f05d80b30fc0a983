package dev.gantry.proxy.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.config.Installation;
import dev.gantry.proxy.Backend;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import dev.gantry.proxy.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external proxy with tiny real programs as the user's commands: validate refuses a candidate
 * that names backend 10.0.0.99, apply fails on a file that names 10.0.0.98; both log what they saw.
 */
class ExternalProxyTest {
    @TempDir
    Path dir;

    private Path target;
    private Path validated;
    private Path applied;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(dir.resolve("conf"));
        target = dir.resolve("conf/gantry.conf");
        validated = dir.resolve("validated.log");
        applied = dir.resolve("applied.log");
        Path validate = script("validate", "echo \"$1\" >> " + validated + "\n"
                + "if grep -q 10.0.0.99 \"$1\"; then echo 'host not found in upstream \"10.0.0.99:80\"'; exit 1; fi");
        Path apply = script("apply", "cat \"$1\" >> " + applied + "; echo '#applied' >> " + applied + "\n"
                + "if grep -q 10.0.0.98 \"$1\"; then echo 'reload failed: no worker started' >&2; exit 1; fi");
        env = new HashMap<>(Map.of("GANTRY_HOME", dir.resolve("home").toString(), "GANTRY_PROXY", "nginx",
                "GANTRY_PROXY_HTTP_PORT", "8080", "GANTRY_PROXY_MODE", "external", "GANTRY_PROXY_CONFIG", target.toString(),
                "GANTRY_PROXY_VALIDATE", validate + " {config}", "GANTRY_PROXY_APPLY", apply + " {config}",
                "GANTRY_PROXY_URL", "https://www.example.com"));
    }

    @Test
    void aRouteIsValidatedAsACandidateMovedIntoPlaceAndApplied() throws IOException {
        ExternalProxy proxy = proxy();
        proxy.start();

        proxy.route(books("10.0.0.1"));

        assertThat(Files.readString(target)).isEqualTo(NginxFragment.render(Map.of("books", books("10.0.0.1")), 8080));
        assertThat(Files.readAllLines(validated)).containsOnly(target + ".next");
        assertThat(Files.exists(target.resolveSibling("gantry.conf.next"))).isFalse();
        assertThat(applies()).containsExactly(Files.readString(target));
        assertThat(proxy.routes()).containsExactly(Map.entry("books", books("10.0.0.1")));
        assertThat(proxy.url()).isEqualTo("https://www.example.com");
        assertThat(proxy.describe()).isEqualTo("nginx (external, " + target + ")");
    }

    @Test
    void startWritesAMissingFileWithoutApplyingAndLeavesAnExistingOne() throws IOException {
        proxy().start();

        assertThat(Files.readString(target)).isEqualTo(NginxFragment.render(Map.of(), 8080));
        assertThat(Files.exists(applied)).isFalse();

        Files.writeString(target, "# the user's own\n");
        proxy().start();
        assertThat(Files.readString(target)).isEqualTo("# the user's own\n");
    }

    @Test
    void aCandidateTheValidateCommandRefusesChangesNothing() throws IOException {
        ExternalProxy proxy = proxy();
        proxy.route(books("10.0.0.1"));
        String before = Files.readString(target);

        assertThatThrownBy(() -> proxy.route(books("10.0.0.99")))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("The external nginx refused the new routes: the validate command (proxy-validate) `")
                .hasMessageContaining("exited with 1, printing:\nhost not found in upstream \"10.0.0.99:80\"\n"
                        + target + " and the routes stay as they were.");

        assertThat(Files.readString(target)).isEqualTo(before);
        assertThat(proxy.routes()).containsExactly(Map.entry("books", books("10.0.0.1")));
        assertThat(Files.exists(target.resolveSibling("gantry.conf.next"))).isFalse();
        assertThat(applies()).hasSize(1);
    }

    @Test
    void aFailedApplyPutsThePreviousFileBackAndAppliesItAgain() throws IOException {
        ExternalProxy proxy = proxy();
        proxy.route(books("10.0.0.1"));
        String before = Files.readString(target);

        assertThatThrownBy(() -> proxy.route(books("10.0.0.98")))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("The external nginx did not take the new routes: the apply command (proxy-apply) `")
                .hasMessageContaining("exited with 1, printing:\nreload failed: no worker started\nGantry put the previous "
                        + target + " back and ran the apply command again, which succeeded: the previous routing stays.");

        assertThat(Files.readString(target)).isEqualTo(before);
        assertThat(proxy.routes()).containsExactly(Map.entry("books", books("10.0.0.1")));
        assertThat(applies()).hasSize(3);
        assertThat(applies().get(1)).contains("server 10.0.0.98:80;");
        assertThat(applies().get(2)).isEqualTo(before);
    }

    @Test
    void aFailedApplyOfTheFirstFileRemovesItAgain() {
        ExternalProxy proxy = proxy();

        assertThatThrownBy(() -> proxy.route(books("10.0.0.98"))).isInstanceOf(ProxyException.class);

        assertThat(Files.exists(target)).isFalse();
        assertThat(proxy.routes()).isEmpty();
    }

    @Test
    void unrouteRemovesTheServiceAndApplies() throws IOException {
        ExternalProxy proxy = proxy();
        proxy.route(books("10.0.0.1"));
        proxy.route(new Route("shop", "/", Optional.of("shop.example.com"), List.of(new Backend("10.0.0.2", 80))));

        proxy.unroute("books");
        proxy.unroute("never-routed");

        assertThat(proxy.routes()).containsOnlyKeys("shop");
        assertThat(Files.readString(target)).doesNotContain("gantry_books").contains("upstream gantry_shop");
        assertThat(applies()).hasSize(3);
    }

    @Test
    void startNamesAMissingDirectoryAndAProgramThatIsNotThere() throws IOException {
        env.put("GANTRY_PROXY_CONFIG", dir.resolve("missing/gantry.conf").toString());
        assertThatThrownBy(() -> proxy().start())
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessageStartingWith("The directory of proxy-config (" + dir.resolve("missing/gantry.conf")
                        + ") does not exist. Create it");

        env.put("GANTRY_PROXY_CONFIG", target.toString());
        env.put("GANTRY_PROXY_VALIDATE", "no-such-nginx-here -t");
        assertThatThrownBy(() -> proxy().start())
                .isInstanceOf(ProxyUnavailableException.class)
                .hasMessageStartingWith("The proxy-validate command runs no-such-nginx-here, which is not on PATH")
                .hasMessageEndingWith("Install it, or give its absolute path as the first argument of proxy-validate"
                        + " (GANTRY_PROXY_VALIDATE).");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aValidateProgramThatCannotBeRunRefusesTheRouteWithTheReason() {
        env.put("GANTRY_PROXY_VALIDATE", dir.resolve("missing") + " {config}");

        assertThatThrownBy(() -> proxy().route(books("10.0.0.1")))
                .isInstanceOf(ProxyException.class)
                .hasMessageContaining("the validate command (proxy-validate) `" + dir.resolve("missing") + " " + target
                        + ".next` could not be run (Cannot run program");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void replacesConfigInEveryArgumentThatHasIt() {
        assertThat(ExternalProxy.withConfig(List.of("haproxy", "-c", "-f", "/etc/haproxy/haproxy.cfg", "-f", "{config}",
                "--check={config}"), Path.of("/etc/haproxy/gantry/gantry.cfg.next")).argv())
                .containsExactly("haproxy", "-c", "-f", "/etc/haproxy/haproxy.cfg", "-f", "/etc/haproxy/gantry/gantry.cfg.next",
                        "--check=/etc/haproxy/gantry/gantry.cfg.next");
    }

    @Test
    void stopLeavesTheUsersProxyAloneAndOpenChoosesTheExternalProxy() {
        Proxy proxy = Proxy.open(Installation.load(env));

        assertThat(proxy).isInstanceOf(ExternalProxy.class);
        proxy.stop();
        assertThat(Files.exists(applied)).isFalse();
    }

    private ExternalProxy proxy() {
        return new ExternalProxy(Installation.load(env));
    }

    private List<String> applies() throws IOException {
        String log = Files.readString(applied);
        return List.of(log.split("#applied\n"));
    }

    private static Route books(String backend) {
        return new Route("books", "/books", Optional.empty(), List.of(new Backend(backend, 80)));
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
