package dev.gantry.proxy.external;

import dev.gantry.config.Installation;
import dev.gantry.proxy.Command;
import dev.gantry.proxy.Proxy;
import dev.gantry.proxy.ProxyException;
import dev.gantry.proxy.ProxyUnavailableException;
import dev.gantry.proxy.Route;
import dev.gantry.proxy.RouteRules;
import dev.gantry.proxy.RouteTable;
import dev.gantry.proxy.RoutesLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A proxy the user runs and owns (proxy-mode: external). Gantry never starts, reloads or stops it
 * by itself: it writes one file the user's configuration includes, checks it with the user's
 * validate command and makes the proxy read it with the user's apply command (docs/proxy-external.md).
 * A refused or failed change leaves the previous file and routes in place.
 */
public final class ExternalProxy implements Proxy {
    static final String CONFIG_PLACEHOLDER = "{config}";
    private static final Duration COMMAND_DEADLINE = Duration.ofSeconds(30);
    private static final Duration LOCK_DEADLINE = Duration.ofSeconds(120);

    private final Installation installation;
    private final FragmentFile file;
    private final RouteTable table;
    private final RoutesLock lock;
    private final Duration commandDeadline;

    /** The external proxy of {@code installation}, whose commands may each run for 30 s. */
    public ExternalProxy(Installation installation) {
        this(installation, COMMAND_DEADLINE);
    }

    ExternalProxy(Installation installation, Duration commandDeadline) {
        this.installation = installation;
        this.file = new FragmentFile(installation.proxyConfig().orElseThrow(() -> new ProxyUnavailableException(
                "proxy-mode is external, but proxy-config (GANTRY_PROXY_CONFIG) is not set; set it to the file your"
                        + " proxy includes, see docs/proxy-external.md.")));
        this.table = new RouteTable(installation.proxyFiles().resolve("routes.json"));
        this.lock = new RoutesLock(installation.proxyFiles(), LOCK_DEADLINE);
        this.commandDeadline = commandDeadline;
    }

    /**
     * Checks that Gantry can write beside the file and run the validate and apply commands. If the
     * file does not exist yet, writes it (validated, not applied), so the user's proxy can include it.
     */
    @Override
    public void start() {
        Preflight.check(file.target(), installation.proxyValidate(), installation.proxyApply());
        lock.holding(() -> {
            if (file.current().isEmpty()) {
                validated(render(table.read()));
                file.promote();
            }
            return null;
        });
    }

    @Override
    public void route(Route route) {
        lock.holding(() -> {
            Map<String, Route> routes = table.read();
            RouteRules.check(route, routes, "the external " + installation.proxy(), BackendNames::problems);
            routes.put(route.service(), route);
            publish(routes);
            return null;
        });
    }

    @Override
    public void unroute(String service) {
        lock.holding(() -> {
            Map<String, Route> routes = table.read();
            if (routes.remove(service) != null) {
                publish(routes);
            }
            return null;
        });
    }

    @Override
    public Map<String, Route> routes() {
        return table.read();
    }

    @Override
    public String url() {
        return installation.proxyUrl();
    }

    @Override
    public String describe() {
        return installation.proxy() + " (external, " + file.target() + ")";
    }

    /** Does nothing: the user owns the proxy's process. */
    @Override
    public void stop() {
    }

    /** Validates, replaces and applies the file for {@code routes}, then records them; on failure, nothing changed. */
    private void publish(Map<String, Route> routes) {
        Optional<String> previous = file.current();
        validated(render(routes));
        file.promote();
        Command.Outcome applied = run(installation.proxyApply(), file.target());
        if (!applied.succeeded()) {
            file.restore(previous);
            Command.Outcome again = run(installation.proxyApply(), file.target());
            throw new ProxyException("The external " + installation.proxy() + " did not take the new routes: the apply"
                    + " command (proxy-apply) " + applied.describe() + "\nGantry put the previous " + file.target()
                    + " back and ran the apply command again, which "
                    + (again.succeeded() ? "succeeded: the previous routing stays." : "failed too: " + again.describe()
                    + "\nThe proxy may not be running; check it (" + String.join(" ", installation.proxyApply()) + ")."));
        }
        table.write(routes);
    }

    /** Writes {@code text} as the candidate and runs the validate command on it; a refused candidate is deleted. */
    private void validated(String text) {
        file.writeCandidate(text);
        Command.Outcome checked = run(installation.proxyValidate(), file.candidate());
        if (!checked.succeeded()) {
            file.discardCandidate();
            throw new ProxyException("The external " + installation.proxy() + " refused the new routes: the validate"
                    + " command (proxy-validate) " + checked.describe() + "\n" + file.target()
                    + " and the routes stay as they were.");
        }
    }

    /** Runs the user's {@code command} on {@code config}; a program that cannot be run is a failed outcome too. */
    private Command.Outcome run(List<String> command, Path config) {
        Command withConfig = withConfig(command, config);
        try {
            return withConfig.run(commandDeadline);
        } catch (IOException e) {
            return new Command.Outcome(withConfig, -1, "", "could not be run (" + e.getMessage() + ")");
        }
    }

    /** The command with {@code {config}} in any argument replaced by {@code config}. */
    static Command withConfig(List<String> command, Path config) {
        return new Command(command.stream().map(argument -> argument.replace(CONFIG_PLACEHOLDER, config.toString())).toList());
    }

    private String render(Map<String, Route> routes) {
        return installation.proxy().equals("nginx")
                ? NginxFragment.render(routes, installation.proxyHttpPort())
                : HaproxyFragment.render(routes, installation.proxyHttpPort());
    }
}
