package dev.gantry.flow;

import java.util.List;

/** The flows of docs/design.md ("The flow"), as lists of steps, in the order they run. */
public final class Flows {
    private Flows() {
    }

    /** {@code gantry run}: the commit is checked out, tested, built and pushed, then deployed with its integration tests. */
    public static Flow run() {
        return new Flow(List.of(
                new Checkout(),
                new TestWhileBuilding(new Test(), new Build()),
                new Push()),
                List.of(new Deploy(), new Register(), new PreIntegration(), new Switch(), new PostIntegration(),
                        new Analysis()),
                new Undo(),
                new Cleanup(),
                Flow.Colours.BESIDE_THE_LIVE);
    }

    /** {@code gantry deploy}: an image a run tested and pushed, deployed with its integration tests. */
    public static Flow deploy() {
        return new Flow(List.of(),
                List.of(new Deploy(), new Register(), new PreIntegration(), new Switch(), new PostIntegration(),
                        new Analysis()),
                new Undo(),
                new Cleanup(),
                Flow.Colours.BESIDE_THE_LIVE);
    }

    /** {@code gantry rollback}: the release live before, from its image; its tests passed when it was first deployed. */
    public static Flow rollback() {
        return new Flow(List.of(),
                List.of(new Deploy(), new Register(), new Switch()),
                new Undo(),
                new Cleanup(),
                Flow.Colours.BESIDE_THE_LIVE);
    }

    /** {@code gantry scale}: the live release's replicas, more or fewer, in the live colour (docs/scaling.md). */
    public static Flow scale() {
        return new Flow(List.of(), List.of(new Scale()), new Undo(), new Cleanup(), Flow.Colours.THE_LIVE);
    }
}
