package dev.gantry.git;

import dev.gantry.config.GitLimits;
import dev.gantry.server.ApiServer;
import dev.gantry.server.ApiTokens;
import dev.gantry.server.Scope;
import dev.gantry.server.TokenWatch;
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
import java.util.concurrent.Semaphore;

/**
 * {@code /git/SERVICE.git}: git's smart HTTP protocol for the known services (docs/git-push.md). Basic
 * auth, any user name, an API token as password: a fetch needs scope {@code read}, a push {@code deploy}
 * (else 403, whose text git shows as {@code remote:} lines). A push to the service's branch deploys it;
 * at most {@code maxPushes} pushes are open at once (429 past that, or every ref rejected when the last
 * place went between git's two requests).
 */
public final class GitEndpoint implements ApiServer.Mount {
    static final String PREFIX = "/git/";

    private final ApiTokens tokens;
    private final PushedRepos repos;
    private final RunQueue queue;
    private final PrintStream log;
    private final GitLimits limits;
    private final int maxPushes;
    private final Semaphore pushes;

    /**
     * Serves the repositories under {@code root} of the services of {@code services} to holders of
     * {@code tokens}; pushes queue runs on {@code queue} and are refused past {@code limits}, at most
     * {@code maxPushes} open at once; what a push's requests cannot say goes to {@code log}.
     */
    public GitEndpoint(ApiTokens tokens, Path root, ServiceRows services, RunQueue queue, PrintStream log,
                       GitLimits limits, int maxPushes) {
        this.tokens = tokens;
        this.repos = new PushedRepos(root, services);
        this.queue = queue;
        this.log = log;
        this.limits = limits;
        this.maxPushes = maxPushes;
        this.pushes = new Semaphore(maxPushes);
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
        boolean push = service.equals("git-receive-pack");
        Optional<Pusher> pusher = pusher(ctx, push ? Scope.DEPLOY : Scope.READ);
        if (pusher.isEmpty()) {
            return;
        }
        if (push && pushes.availablePermits() == 0) {
            // refused here, before git sends its pack; git shows this text as remote: lines
            ctx.status(429).header("Retry-After", "30").contentType("text/plain").result(tooManyPushes() + "\n");
            return;
        }
        SmartHttp.advertise(ctx, repos.open(pusher.get().service()), service);
    }

    private void serve(Context ctx, String what) throws Exception {
        Optional<Pusher> pusher = pusher(ctx, what.equals("upload") ? Scope.READ : Scope.DEPLOY);
        if (pusher.isEmpty()) {
            return;
        }
        KnownService service = pusher.get().service();
        if (what.equals("upload")) {
            SmartHttp.upload(ctx, repos.open(service));
            return;
        }
        if (!pushes.tryAcquire()) {
            // git read the advertisement while a place was free; only an answer inside the protocol shows why
            SmartHttp.refuseBusy(ctx, tooManyPushes(), new ReceiveLimits(limits));
            return;
        }
        try {
            var watch = new TokenWatch(tokens, pusher.get().caller());
            Path bare = repos.path(service.name());
            var receiving = new SmartHttp.Receiving(new ReceiveLimits(limits),
                    new PushedTreeCheck(service.name(), bare, limits));
            SmartHttp.receive(ctx, repos.open(service), receiving, connection -> new DeployOnPush(queue, service,
                    bare, pusher.get().caller().name(), connection, log, watch::withdrawn));
        } finally {
            pushes.release();
        }
    }

    private String tooManyPushes() {
        return "The server already has " + maxPushes + (maxPushes == 1 ? " push" : " pushes") + " open, as many as"
                + " it may (server-max-pushes): push again in a moment.";
    }

    /**
     * Who asks, for which service, if its token has scope {@code needed}; empty (and the answer sent)
     * when the credentials, the scope or the service are wrong.
     */
    private Optional<Pusher> pusher(Context ctx, Scope needed) {
        Optional<String> presented = BasicCredentials.password(ctx.header("Authorization"));
        Optional<ApiTokens.Caller> caller = presented.flatMap(tokens::caller);
        if (caller.isEmpty()) {
            ctx.header("WWW-Authenticate", "Basic realm=\"gantry\"").status(401).contentType("text/plain")
                    .result(tokens.refusal(presented.orElse(null)) + " Give the token as the password (any user"
                            + " name).\n");
            return Optional.empty();
        }
        if (!caller.get().scope().allows(needed)) {
            ctx.status(403).contentType("text/plain").result((needed == Scope.DEPLOY ? "Pushing" : "Fetching")
                    + " needs a token of scope " + needed.word() + " (or higher); the token " + caller.get().name()
                    + " has scope " + caller.get().scope().word() + ". Create one with `gantry token create NAME"
                    + " --scope " + needed.word() + "`.\n");
            return Optional.empty();
        }
        String repo = ctx.pathParam("repo");
        Optional<KnownService> service = repos.service(repo);
        if (service.isEmpty()) {
            ctx.status(404).contentType("text/plain").result("There is no service " + repo.replaceAll("\\.git$", "")
                    + " on this server. Add it first: gantry service add SERVICE [--branch main]\n");
            return Optional.empty();
        }
        return Optional.of(new Pusher(service.get(), caller.get()));
    }

    private record Pusher(KnownService service, ApiTokens.Caller caller) {
    }
}
