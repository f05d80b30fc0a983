package dev.gantry.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.util.List;

/** Creates a container from a {@link ContainerSpec}: the one translation of the spec to the Docker API. */
final class ContainerCreation {
    /** Published ports are only ever bound to loopback; the proxy is what faces the network. */
    static final String PUBLISH_ADDRESS = "127.0.0.1";

    private ContainerCreation() {
    }

    /** Creates the container (not started), its log held to {@code log}, and returns its id. */
    static String create(DockerClient docker, DockerCalls calls, ContainerSpec spec, ContainerLog log) {
        var host = hostConfig(spec, log);
        List<String> env = spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        var cmd = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withEnv(env)
                .withLabels(spec.labels())
                .withExposedPorts(spec.publish().stream().map(ExposedPort::tcp).toList())
                .withHostConfig(host);
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        return calls.call("Creating container " + spec.name() + " from " + spec.image(), cmd::exec).getId();
    }

    /** The host side of {@code spec}: ports on loopback, volumes, network, the bounded log, restart policy and limits. */
    static HostConfig hostConfig(ContainerSpec spec, ContainerLog log) {
        var host = HostConfig.newHostConfig()
                .withPortBindings(spec.publish().stream()
                        .map(port -> new PortBinding(Ports.Binding.bindIp(PUBLISH_ADDRESS), ExposedPort.tcp(port)))
                        .toList())
                .withBinds(spec.volumes().entrySet().stream()
                        .map(mount -> new Bind(mount.getKey(), new Volume(mount.getValue())))
                        .toList())
                .withLogConfig(log.config())
                .withRestartPolicy(RestartPolicy.parse(spec.supervision().restart()));
        if (spec.supervision().memoryBytes() > 0) {
            host.withMemory(spec.supervision().memoryBytes());
        }
        if (spec.supervision().nanoCpus() > 0) {
            host.withNanoCPUs(spec.supervision().nanoCpus());
        }
        spec.network().ifPresent(host::withNetworkMode);
        return host;
    }
}
