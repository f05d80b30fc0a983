package dev.gantry.pipeline;

/** The stages of the flow, in DESIGN.md's order. */
public enum Stage {
    CHECKOUT, TEST, BUILD, PUSH;

    /** The stage's name as shown and stored. */
    public String word() {
        return name().toLowerCase();
    }
}
