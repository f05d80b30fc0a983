package dev.gantry.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A service's {@code gantry.yml}, parsed and checked: every value valid, every default filled in.
 * The keys and their defaults are documented in docs/gantry-yml.md.
 */
public record ServiceConfig(String service, String image, BuildSpec build, TestsSpec tests, RunSpec run, ProxySpec proxy,
                            DeploySpec deploy, DeadlinesSpec deadlines, NotifySpec notifications) {
    /** The file's name in the service directory. */
    public static final String FILE_NAME = "gantry.yml";
    static final List<String> KEYS = List.of("service", "image", "build", "tests", "run", "proxy", "deploy", "deadlines",
            "notify");
    static final String HELP = "See docs/gantry-yml.md for every key, its type, default and allowed values.";
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    /** Checks for nulls. */
    public ServiceConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(tests, "tests");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(deploy, "deploy");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(notifications, "notifications");
    }

    /** A service without notifications of its own. */
    public ServiceConfig(String service, String image, BuildSpec build, TestsSpec tests, RunSpec run, ProxySpec proxy,
                         DeploySpec deploy, DeadlinesSpec deadlines) {
        this(service, image, build, tests, run, proxy, deploy, deadlines, NotifySpec.NONE);
    }

    /** The same config with {@code replicas} replicas (a scaled release's); {@code run/scale} says which are allowed. */
    public ServiceConfig withReplicas(int replicas) {
        return new ServiceConfig(service, image, build, tests, run.withReplicas(replicas), proxy, deploy, deadlines,
                notifications);
    }

    /** Reads {@code serviceDir/gantry.yml}; a ConfigException lists every problem found. */
    public static ServiceConfig load(Path serviceDir) {
        Path file = serviceDir.resolve(FILE_NAME);
        String source = file.toString();
        Problems problems = new Problems();
        if (!Files.isDirectory(serviceDir)) {
            problems.add("", 0, "the file cannot be read because the directory " + serviceDir
                    + " does not exist; give the directory that holds the service's " + FILE_NAME);
        } else if (!Files.exists(file)) {
            problems.add("", 0, "the file does not exist; create " + FILE_NAME + " in " + serviceDir
                    + " with at least a line like \"service: " + exampleName(serviceDir) + "\"");
        }
        problems.throwIfAny(source, HELP);
        String text = YamlDocument.readFile(file, problems).orElse("");
        problems.throwIfAny(source, HELP);
        return parse(text, source);
    }

    /** Parses gantry.yml text; {@code source} names the file in messages. */
    public static ServiceConfig parse(String yaml, String source) {
        Problems problems = new Problems();
        Optional<YamlMap> root = YamlDocument.compose(yaml, problems)
                .flatMap(node -> YamlMap.root(node, problems, KEYS));
        if (root.isEmpty() && problems.isEmpty()) {
            problems.add("", 0, "the file is empty; it needs at least a line like \"service: books-ms\"");
        }
        Optional<ServiceConfig> config = root.map(ServiceConfig::read);
        problems.throwIfAny(source, HELP);
        return config.orElseThrow();
    }

    private static ServiceConfig read(YamlMap root) {
        Optional<String> name = root.required("service", Names.SERVICE, "\"service: books-ms\"");
        String service = name.orElse("service");
        String image = root.has("image") ? root.get("image", Names.IMAGE, service) : defaultImage(root, name);
        BuildSpec build = BuildSpec.read(root.section("build", BuildSpec.KEYS));
        TestsSpec tests = TestsSpec.read(root.section("tests", TestsSpec.KEYS));
        RunSpec run = RunSpec.read(root.section("run", RunSpec.KEYS));
        ProxySpec proxy = ProxySpec.read(root.section("proxy", ProxySpec.KEYS), service);
        DeploySpec deploy = DeploySpec.read(root.section("deploy", DeploySpec.KEYS));
        return new ServiceConfig(service, image, build, tests, run, proxy, deploy,
                DeadlinesSpec.read(root, tests, run, deploy), NotifySpec.readService(root.section("notify", NotifySpec.KEYS)));
    }

    /** The service's name; a name like {@code books-} is a valid service but not a valid image. */
    private static String defaultImage(YamlMap root, Optional<String> service) {
        if (service.isPresent() && Names.IMAGE.apply(service.get()).isEmpty()) {
            root.problem("service", "cannot be the image name too (the default), because it should be "
                    + Names.IMAGE.expected() + "; set image: or rename the service");
        }
        return service.orElse("service");
    }

    private static String exampleName(Path serviceDir) {
        Path name = serviceDir.toAbsolutePath().normalize().getFileName();
        return name != null && SERVICE.matcher(name.toString()).matches() ? name.toString() : "books-ms";
    }
}
