package dev.gantry.git;

import dev.gantry.config.GitLimits;
import dev.gantry.pipeline.Environment;
import dev.gantry.server.ApiServer;
import dev.gantry.server.ApiTokens;
import dev.gantry.store.KnownService;
import dev.gantry.store.ServiceRows;
import dev.gantry.trigger.RunQueue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code /git/SERVICE.git}: git's smart HTTP protocol for the known services (docs/git-push.md). Basic
 * auth, any user name, an API token as password; a push to the service's branch deploys it.
 */
public final class GitEndpoint implements ApiServer.Mount {
    static final String PREFIX = "/git/";

    private final ApiTokens tokens;
    private final PushedRepos repos;
    private final RunQueue queue;
    private final PrintStream log;
    private final GitLimits limits;

    /**
     * Serves the repositories under {@code root} of the services of {@code services} to holders of
     * {@code tokens}; pushes queue runs on {@code queue}; what a push's requests cannot say goes to {@code log}.
     */
    public GitEndpoint(ApiTokens tokens, Path root, ServiceRows services, RunQueue queue, PrintStream log) {
        this(tokens, root, services, queue, log, GitLimits.DEFAULTS);
    }

    /** As above, a push refused past {@code limits}. */
    public GitEndpoint(ApiTokens tokens, Path root, ServiceRows services, RunQueue queue, PrintStream log,
                       GitLimits limits) {
        this.tokens = tokens;
        this.repos = new PushedRepos(root, services);
        this.queue = queue;
        this.log = log;
        this.limits = limits;
    }

    /** The endpoint of the server of {@code env}: repositories under {@code HOME/repos}, logging on stderr. */
    public static GitEndpoint of(Environment env, ApiTokens tokens, RunQueue queue) {
        return new GitEndpoint(tokens, env.installation.home().resolve("repos"), env.store().services(), queue,
                System.err, env.installation.gitLimits());
    }

    @Override
    public void mount(JavalinConfig config) {
        config.routes.addHttpHandler(HandlerType.GET, PREFIX + "{repo}/info/refs", this::advertise);
        config.routes.addHttpHandler(HandlerType.POST, PREFIX + "{repo}/git-upload-pack", ctx -> serve(ctx, "upload"));
        config.routes.addHttpHandler(HandlerType.POST, PREFIX + "{repo}/git-receive-pack", ctx -> serve(ctx, "receive"));
    }

    @Override
    public List<String> ownAuthPrefixes() {
        return List.of(PREFIX);
    }

    private void advertise(Context ctx) throws Exception {
        String service = ctx.queryParam("service");
        if (!"git-upload-pack".equals(service) && !"git-receive-pack".equals(service)) {
            ctx.status(403).contentType("text/plain").result("Gantry serves git's smart HTTP protocol only: use git"
                    + " 2.x (`git push`, `git fetch`), which asks for ?service=git-upload-pack or git-receive-pack.\n");
            return;
        }
        Optional<Pusher> pusher = pusher(ctx);
        if (pusher.isPresent()) {
            SmartHttp.advertise(ctx, repos.open(pusher.get().service()), service);
        }
    }

    private void serve(Context ctx, String what) throws Exception {
        Optional<Pusher> pusher = pusher(ctx);
        if (pusher.isEmpty()) {
            return;
        }
        KnownService service = pusher.get().service();
        if (what.equals("upload")) {
            SmartHttp.upload(ctx, repos.open(service));
        } else {
            Path bare = repos.path(service.name());
            var receiving = new SmartHttp.Receiving(new ReceiveLimits(limits),
                    new PushedTreeCheck(service.name(), bare, limits));
            SmartHttp.receive(ctx, repos.open(service), receiving, connection -> new DeployOnPush(queue, service,
                    repos.path(service.name()), pusher.get().tokenName(), connection, log));
        }
    }

    /** Who asks, for which service; empty (and the answer sent) when the credentials or the service are wrong. */
    private Optional<Pusher> pusher(Context ctx) {
        Optional<String> token = BasicCredentials.password(ctx.header("Authorization")).flatMap(tokens::verify);
        if (token.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"gantry\"").status(401).contentType("text/plain")
                    .result("This needs an API token as the password (any user name): create one with"
                            + " `gantry token create NAME`.\n");
            return Optional.empty();
        }
        String repo = ctx.pathParam("repo");
        Optional<KnownService> service = repos.service(repo);
        if (service.isEmpty()) {
            ctx.status(404).contentType("text/plain").result("There is no service " + repo.replaceAll("\\.git$", "")
                    + " on this server. Add it first: gantry service add SERVICE [--branch main]\n");
            return Optional.empty();
        }
        return Optional.of(new Pusher(service.get(), token.get()));
    }

    private record Pusher(KnownService service, String tokenName) {
    }
}
