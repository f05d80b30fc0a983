package dev.gantry.deploy;

import dev.gantry.TestInstallation;
import dev.gantry.discovery.Colour;
import dev.gantry.engine.ContainerState;
import dev.gantry.engine.Engine;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An engine on which every container asked about runs; it records the name of each call made to it
 * and does nothing else.
 */
final class RunningEngine {
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    Engine engine() {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(),
                new Class<?>[] {Engine.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    return switch (method.getName()) {
                        case "inspect" -> Optional.of(running((String) args[0]));
                        case "list" -> List.of(running("books-ms-blue-1"));
                        case "logs", "images", "declaredVolumes" -> List.of();
                        case "volumeExists" -> false;
                        default -> null;
                    };
                });
    }

    private static ContainerState running(String name) {
        return new ContainerState(name, name, "127.0.0.1:5000/books-ms:r1", Labels.selector(TestInstallation.ID, "books-ms",
                Colour.BLUE), true, "running", 0, false, 0, Map.of(8080, 32001));
    }
}
