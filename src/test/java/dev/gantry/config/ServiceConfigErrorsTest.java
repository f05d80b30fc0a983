package dev.gantry.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each bad gantry.yml and the line of the message a person would read: key path, line, what to do. */
class ServiceConfigErrorsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource({"keysAndTypes", "values", "deadlines", "hostileInput"})
    void namesTheKeyPathAndLine(String scenario, String yaml, String expected) {
        Throwable thrown = catchThrowable(() -> ServiceConfig.parse(yaml, "gantry.yml"));

        assertThat(thrown).isInstanceOf(ConfigException.class);
        assertThat(thrown.getMessage()).contains("\n  " + expected);
    }

    static Stream<Arguments> keysAndTypes() {
        return Stream.of(
                arguments("unknown top-level key", "service: a\nimgae: b\n",
                        "imgae (line 2): is not a known key; known keys here: service, image, build, tests, run, proxy,"
                                + " deploy, deadlines, notify; did you mean image?"),
                arguments("unknown nested key", "service: a\nrun:\n  port: 80\n  replica: 2\n",
                        "run/replica (line 4): is not a known key; known keys here: port, replicas, env, health,"
                                + " stop-grace, restart, resources, placement, scale; did you mean replicas?"),
                arguments("unknown key, nothing close", "service: a\ndeploy: {strategy: canary}\n",
                        "deploy/strategy (line 2): is not a known key; known keys here: drain, keep-releases, crash-loop,"
                                + " analysis\n"),
                arguments("unknown key three levels down", "service: a\ntests:\n  pre-deployment:\n    cmd: [x]\n",
                        "tests/pre-deployment/cmd (line 4): is not a known key; known keys here: env, command,"
                                + " timeout; did you mean command?"),
                arguments("missing service", "image: books\n", "service (line 1): is required; add a line like"
                        + " \"service: books-ms\""),
                arguments("missing service, after comments", "# books\n\nimage: books\n", "service (line 3): is required"),
                arguments("section that is a scalar", "service: a\nrun: 3\n",
                        "run (line 2): should be a map with the keys port, replicas, env, health, stop-grace, restart, resources,"
                                + " placement, scale, but is 3"),
                arguments("section that is a list", "service: a\nproxy: [/a]\n",
                        "proxy (line 2): should be a map with the keys path, host, but is a list"),
                arguments("map where a string goes", "service: a\nimage:\n  name: books\n",
                        "image (line 3): should be an image repository name like books-ms or team/books-ms"
                                + " (lowercase, no registry host, no tag), was a map"),
                arguments("boolean where a string goes", "service: a\nbuild: {dockerfile: true}\n",
                        "build/dockerfile (line 2): should be a relative path inside the service directory"
                                + " (no leading '/', no '..' out of it), was true"),
                arguments("number where a string goes", "service: 42\n",
                        "service (line 1): should be a name of 1 to 40 characters: lowercase letters, digits and '-',"
                                + " starting with a letter, was 42"),
                arguments("string where a number goes", "service: a\nrun:\n  replicas: two\n",
                        "run/replicas (line 3): should be a whole number from 1 to 100, was \"two\""),
                arguments("quoted number where a number goes", "service: a\nrun:\n  replicas: \"2\"\n",
                        "run/replicas (line 3): should be a whole number from 1 to 100, was \"2\""),
                arguments("fraction where a whole number goes", "service: a\nrun: {replicas: 1.5}\n",
                        "run/replicas (line 2): should be a whole number from 1 to 100, was 1.5"),
                arguments("empty value", "service: a\nimage:\n", "image (line 2): should be an image repository name"
                        + " like books-ms or team/books-ms (lowercase, no registry host, no tag), was empty"),
                arguments("custom tag", "service: !secret a\n", "service (line 1): should be a name of 1 to 40"
                        + " characters: lowercase letters, digits and '-', starting with a letter, was a value tagged !secret"),
                arguments("env as a list", "service: a\nrun:\n  env: [A=1]\n",
                        "run/env (line 3): should be a map of NAME: value, but is a list"),
                arguments("env value a map", "service: a\nrun:\n  env:\n    A: {b: 1}\n",
                        "run/env/A (line 4): should be a string, number or true/false (\"\" for an empty value), was a map"),
                arguments("env value empty", "service: a\nrun:\n  env:\n    A:\n",
                        "run/env/A (line 4): should be a string, number or true/false (\"\" for an empty value), was empty"),
                arguments("build arg a list", "service: a\nbuild:\n  args: {V: [1]}\n",
                        "build/args/V (line 3): should be a string, number or true/false"),
                arguments("command as one string", "service: a\ntests:\n  pre-deployment:\n    command: npm test\n",
                        "tests/pre-deployment/command (line 4): should be a list of arguments like [npm, test]"
                                + " (no shell runs it), but is \"npm test\""),
                arguments("command item a map", "service: a\ntests:\n  pre-integration:\n    command:\n      - run\n"
                        + "      - {x: 1}\n", "tests/pre-integration/command/1 (line 6): should be a string, number or"
                        + " true/false (\"\" for an empty value), was a map"),
                arguments("duplicate key", "service: a\nservice: b\n",
                        "service (line 2): is given twice (first on line 1); keep one"),
                arguments("duplicate nested key", "service: a\nrun:\n  port: 80\n  env: {A: 1}\n  port: 81\n",
                        "run/port (line 5): is given twice (first on line 3); keep one"),
                arguments("duplicate env name", "service: a\nrun:\n  env:\n    A: 1\n    A: 2\n",
                        "run/env/A (line 5): is given twice (first on line 4); keep one"),
                arguments("unknown key with a control character", "service: a\n\"x\\ey\": 1\n",
                        "\"x\\u001by\" (line 2): is not a known key"),
                arguments("unknown key of 100,000 characters", "service: a\n? " + "k".repeat(100_000) + "\n: 1\n",
                        "\"" + "k".repeat(60) + "...\" (line 2): is not a known key"),
                arguments("list as a key", "service: a\n[x, y]: 1\n", "line 2: a list is used as a key here; keys are plain names"),
                arguments("map as a nested key", "service: a\nrun:\n  ? {p: 1}\n  : 2\n",
                        "run (line 3): a map is used as a key here; keys are plain names"));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                arguments("service with capitals", "service: Books\n", "service (line 1): should be a name of 1 to 40"),
                arguments("restart condition unknown", "service: a\nrun:\n  restart: {condition: always}\n",
                        "run/restart/condition (line 3): should be any or on-failure or none, was \"always\""),
                arguments("restart attempts too many", "service: a\nrun:\n  restart: {max-attempts: 1001}\n",
                        "run/restart/max-attempts (line 3): should be a whole number from 0 to 1000"),
                arguments("memory below Docker's least", "service: a\nrun:\n  resources: {memory: 1MiB}\n",
                        "run/resources/memory (line 3): should be at least 6MiB, the least Docker accepts, was 1MiB"),
                arguments("memory not a size", "service: a\nrun:\n  resources: {memory: lots}\n",
                        "run/resources/memory (line 3): should be a size like"),
                arguments("cpus of none", "service: a\nrun:\n  resources: {cpus: 0}\n",
                        "run/resources/cpus (line 3): should be a number of CPUs like 0.5, 1 or 2 (from 0.001 to 64)"),
                arguments("cpus beyond the machine's kind", "service: a\nrun:\n  resources: {cpus: 65}\n",
                        "run/resources/cpus (line 3): should be a number of CPUs"),
                arguments("constraint that is not one", "service: a\nrun:\n  placement: {constraints: [\"rm -rf /\"]}\n",
                        "run/placement/constraints/0 (line 3): should be a Swarm constraint like node.role==worker"),
                arguments("max per node negative", "service: a\nrun:\n  placement: {max-per-node: -1}\n",
                        "run/placement/max-per-node (line 3): should be a whole number from 0 to 100"),
                arguments("service starting with a digit", "service: 1books\n", "service (line 1): should be a name"),
                arguments("service with '_'", "service: books_ms\n", "service (line 1): should be a name"),
                arguments("service of 41 characters", "service: " + "a".repeat(41) + "\n",
                        "service (line 1): should be a name"),
                arguments("image with capitals", "service: a\nimage: Team/books\n", "image (line 2): should be an image"),
                arguments("image with a registry host", "service: a\nimage: localhost:5000/books\n",
                        "image (line 2): should be an image repository name like books-ms or team/books-ms (lowercase,"
                                + " no registry host, no tag), was \"localhost:5000/books\""),
                arguments("image with a tag", "service: a\nimage: books:1.0\n", "image (line 2): should be an image"),
                arguments("image ending in '-'", "service: a\nimage: books-\n", "image (line 2): should be an image"),
                arguments("image with an empty path component", "service: a\nimage: team//books\n",
                        "image (line 2): should be an image"),
                arguments("service that cannot be the default image", "# x\nservice: books-\n",
                        "service (line 2): cannot be the image name too (the default), because it should be an image"
                                + " repository name"),
                arguments("replicas 0", "service: a\nrun:\n  replicas: 0\n",
                        "run/replicas (line 3): should be a whole number from 1 to 100, was 0"),
                arguments("replicas 101", "service: a\nrun:\n  replicas: 101\n",
                        "run/replicas (line 3): should be a whole number from 1 to 100, was 101"),
                arguments("replicas negative", "service: a\nrun: {replicas: -1}\n",
                        "run/replicas (line 2): should be a whole number from 1 to 100, was -1"),
                arguments("replicas huge", "service: a\nrun: {replicas: 99999999999999999999}\n",
                        "run/replicas (line 2): should be a whole number from 1 to 100, was 99999999999999999999"),
                arguments("port 0", "service: a\nrun: {port: 0}\n",
                        "run/port (line 2): should be a whole number from 1 to 65535, was 0"),
                arguments("port 65536", "service: a\nrun: {port: 65536}\n",
                        "run/port (line 2): should be a whole number from 1 to 65535, was 65536"),
                arguments("port in hex", "service: a\nrun: {port: 0x50}\n",
                        "run/port (line 2): should be a whole number from 1 to 65535, was 0x50"),
                arguments("keep-releases 0", "service: a\ndeploy: {keep-releases: 0}\n",
                        "deploy/keep-releases (line 2): should be a whole number from 1 to 100, was 0"),
                arguments("duration without a unit", "service: a\ndeploy:\n  drain: 10\n",
                        "deploy/drain (line 3): should be a duration like 500ms, 30s, 10m or 1h (at most 24h), was 10"),
                arguments("negative duration", "service: a\ndeploy: {drain: -1s}\n",
                        "deploy/drain (line 2): should be a duration like 500ms, 30s, 10m or 1h (at most 24h), was \"-1s\""),
                arguments("fractional duration", "service: a\nrun: {stop-grace: 1.5s}\n",
                        "run/stop-grace (line 2): should be a duration like 500ms, 30s, 10m or 1h (at most 24h), was \"1.5s\""),
                arguments("duration in words", "service: a\ntests:\n  post-integration: {timeout: 10 minutes}\n",
                        "tests/post-integration/timeout (line 3): should be a duration like 500ms, 30s, 10m or 1h"
                                + " (at most 24h), was \"10 minutes\""),
                arguments("zero duration", "service: a\nrun: {health: {timeout: 0s}}\n",
                        "run/health/timeout (line 2): should be a duration"),
                arguments("duration over a day", "service: a\ntests: {pre-deployment: {timeout: 25h}}\n",
                        "tests/pre-deployment/timeout (line 2): should be a duration like 500ms, 30s, 10m or 1h (at most 24h), was \"25h\""),
                arguments("health interval longer than its timeout", "service: a\nrun:\n  health:\n    interval: 2m\n",
                        "run/health/interval (line 4): the interval (2m) should not be longer than the timeout (1m),"
                                + " or no check would run before the deadline"),
                arguments("env name starting with a digit", "service: a\nrun:\n  env:\n    1BAD: x\n",
                        "run/env/1BAD (line 4): is not a valid name: should be letters, digits and '_', not starting"
                                + " with a digit"),
                arguments("env name with '-'", "service: a\ntests:\n  pre-deployment:\n    env: {MY-VAR: x}\n",
                        "tests/pre-deployment/env/MY-VAR (line 4): is not a valid name"),
                arguments("env value with a NUL", "service: a\nrun: {env: {A: \"x\\0y\"}}\n",
                        "run/env/A (line 2): should be a string, number or true/false (\"\" for an empty value),"
                                + " was \"x\\u0000y\""),
                arguments("absolute dockerfile", "service: a\nbuild:\n  dockerfile: /etc/passwd\n",
                        "build/dockerfile (line 3): should be a relative path inside the service directory (no leading"
                                + " '/', no '..' out of it), was \"/etc/passwd\""),
                arguments("context outside the service", "service: a\nbuild:\n  context: ../other\n",
                        "build/context (line 3): should be a relative path inside the service directory"),
                arguments("context that climbs out later", "service: a\nbuild: {context: src/../../x}\n",
                        "build/context (line 2): should be a relative path inside the service directory"),
                arguments("empty context", "service: a\nbuild: {context: ''}\n",
                        "build/context (line 2): should be a relative path inside the service directory"),
                arguments("test dockerfile outside the service", "service: a\ntests:\n  dockerfile: ../Dockerfile\n",
                        "tests/dockerfile (line 3): should be a relative path inside the service directory"),
                arguments("proxy path without '/'", "service: a\nproxy:\n  path: api/books\n",
                        "proxy/path (line 3): should be a URL path starting with '/', of letters, digits and . _ ~ % / -"
                                + " (like /api/v1/books), was \"api/books\""),
                arguments("proxy path with a space", "service: a\nproxy: {path: /api books}\n",
                        "proxy/path (line 2): should be a URL path starting with '/'"),
                arguments("proxy path with proxy-config syntax", "service: a\nproxy: {path: \"/a;\\n}\"}\n",
                        "proxy/path (line 2): should be a URL path starting with '/', of letters, digits and . _ ~ % / -"
                                + " (like /api/v1/books), was \"/a;\\n}\""),
                arguments("health path without '/'", "service: a\nrun: {health: {path: health}}\n",
                        "run/health/path (line 2): should be a URL path starting with '/'"),
                arguments("host with a space", "service: a\nproxy: {host: books example.com}\n",
                        "proxy/host (line 2): should be a DNS name like books.example.com, was \"books example.com\""),
                arguments("host with an empty label", "service: a\nproxy: {host: books..com}\n",
                        "proxy/host (line 2): should be a DNS name"),
                arguments("host starting with '-'", "service: a\nproxy: {host: -books.com}\n",
                        "proxy/host (line 2): should be a DNS name"),
                arguments("host with a port", "service: a\nproxy: {host: 'books.com:80'}\n",
                        "proxy/host (line 2): should be a DNS name"));
    }

    static Stream<Arguments> deadlines() {
        return Stream.of(
                arguments("deadline shorter than the health timeout", "service: a\nrun:\n  health: {timeout: 90s}\n"
                        + "deadlines:\n  deploy: 30s\n", "deadlines/deploy (line 5): should be longer than"
                        + " run/health/timeout (90s), which runs inside the deploy stage"),
                arguments("deadline as long as the default health timeout", "service: a\ndeadlines: {deploy: 60s}\n",
                        "deadlines/deploy (line 2): should be longer than run/health/timeout (1m, the default), which"
                                + " runs inside the deploy stage"),
                arguments("test deadline shorter than the test timeout", "service: a\ntests:\n  pre-deployment:"
                        + " {timeout: 10m}\ndeadlines: {test: 5m}\n", "deadlines/test (line 4): should be longer than"
                        + " tests/pre-deployment/timeout (10m), which runs inside the test stage"),
                arguments("pre-integration deadline as long as its default timeout", "service: a\ndeadlines:\n"
                        + "  pre-integration: 5m\n", "deadlines/pre-integration (line 3): should be longer than"
                        + " tests/pre-integration/timeout (5m, the default), which runs inside the pre-integration stage"),
                arguments("post-integration deadline shorter than its timeout", "service: a\ntests:\n"
                        + "  post-integration: {timeout: 3m}\ndeadlines: {post-integration: 2m}\n",
                        "deadlines/post-integration (line 4): should be longer than tests/post-integration/timeout (3m),"
                                + " which runs inside the post-integration stage"),
                arguments("test timeout longer than the default deadline", "service: a\ntests:\n  post-integration:\n"
                        + "    timeout: 1h\n", "tests/post-integration/timeout (line 4): should be shorter than"
                        + " deadlines/post-integration (10m, the default), the deadline of the post-integration stage"
                        + " it runs inside; shorten it or set a longer deadlines/post-integration"),
                arguments("health timeout longer than the default deadline", "service: a\nrun: {health: {timeout: 20m}}\n",
                        "run/health/timeout (line 2): should be shorter than deadlines/deploy (15m, the default)"),
                arguments("drain longer than the default cleanup deadline", "service: a\ndeploy: {drain: 1h}\n",
                        "deploy/drain (line 2): should be shorter than deadlines/cleanup (10m, the default), the deadline"
                                + " of the cleanup stage it runs inside; shorten it or set a longer deadlines/cleanup"),
                arguments("cleanup deadline shorter than the drain", "service: a\ndeploy: {drain: 2m}\n"
                        + "deadlines: {cleanup: 1m}\n", "deadlines/cleanup (line 3): should be longer than deploy/drain"
                        + " (2m), which runs inside the cleanup stage"),
                arguments("deadline under a second", "service: a\ndeadlines: {register: 500ms}\n",
                        "deadlines/register (line 2): should be a duration from 1s to 24h like 90s, 10m or 1h,"
                                + " was \"500ms\""),
                arguments("deadline without a unit", "service: a\ndeadlines:\n  build: 20\n",
                        "deadlines/build (line 3): should be a duration from 1s to 24h like 90s, 10m or 1h, was 20"),
                arguments("deadline over a day", "service: a\ndeadlines:\n  test: 25h\n",
                        "deadlines/test (line 3): should be a duration from 1s to 24h"),
                arguments("deadline of something that is not a stage", "service: a\ndeadlines: {health: 1m}\n",
                        "deadlines/health (line 2): is not a known key; known keys here: checkout, test, build, push,"
                                + " deploy, register, pre-integration, switch, post-integration, analysis, cleanup, undo"),
                arguments("deadlines as one duration", "service: a\ndeadlines: 10m\n",
                        "deadlines (line 2): should be a map with the keys checkout, test, build, push, deploy, register,"
                                + " pre-integration, switch, post-integration, analysis, cleanup, undo, but is \"10m\""));
    }

    static Stream<Arguments> hostileInput() {
        return Stream.of(
                arguments("not YAML", "service: [a\nb: }\n", "line 2: not valid YAML: expected ',' or ']', but got :"
                        + " (while parsing a flow sequence that starts on line 1)"),
                arguments("tab indentation", "service: a\nrun:\n\tport: 80\n", "line 3: not valid YAML: found"
                        + " character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                arguments("control character", "service: a\u0001\n", "line 1: not valid YAML: the character U+0001"
                        + " is not allowed in YAML; remove it"),
                arguments("empty file", "", "the file is empty; it needs at least a line like \"service: books-ms\""),
                arguments("only comments", "# nothing yet\n\n", "the file is empty; it needs at least a line like"),
                arguments("top level a list", "- service: a\n",
                        "line 1: the file should be a map of settings (key: value lines), but is a list"),
                arguments("top level a string", "\n\nbooks-ms\n",
                        "line 3: the file should be a map of settings (key: value lines), but is \"books-ms\""),
                arguments("an alias", "service: &name books\nimage: *name\n", "line 2: aliases (*name) are not supported"
                        + " in config files; write the value out in full"),
                arguments("billion laughs", billionLaughs(), "line 3: aliases (*a) are not supported"),
                arguments("two documents", "service: a\n---\nservice: b\n", "line 2: a second YAML document starts here;"
                        + " a config file holds exactly one (remove this '---' and what follows, or merge the two)"),
                arguments("huge input", "service: a\n" + "#".repeat(300 * 1024) + "\n",
                        "the file is larger than 256 KiB, far more than any config needs; check that it is the right file"),
                arguments("10,000 unclosed '['", "service: " + "[".repeat(10_000),
                        "line 1: nesting goes deeper than 16 levels here; no setting needs more than 4"),
                arguments("100,000 balanced '[]'", "[".repeat(100_000) + "]".repeat(100_000),
                        "line 1: nesting goes deeper than 16 levels here"),
                arguments("10,000 nested flow maps", "service: a\nrun: " + "{a: ".repeat(10_000) + "1"
                        + "}".repeat(10_000) + "\n", "line 2: nesting goes deeper than 16 levels here"),
                arguments("500 nested block maps", nestedBlockMaps(500), "line 17: nesting goes deeper than 16 levels here"));
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("service: a\nl0: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        char previous = 'a';
        for (char name = 'b'; name <= 'j'; name++) {
            yaml.append("l").append(name).append(": &").append(name).append(" [");
            yaml.append(("*" + previous + ", ").repeat(8)).append('*').append(previous).append("]\n");
            previous = name;
        }
        return yaml.toString();
    }

    private static String nestedBlockMaps(int depth) {
        StringBuilder yaml = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            yaml.append(" ".repeat(level)).append("a:\n");
        }
        return yaml.toString();
    }
}
