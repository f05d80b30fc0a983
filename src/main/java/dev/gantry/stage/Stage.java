package dev.gantry.stage;

/** The stages of the flow, in the order of docs/design.md ("The flow"), and the undo that follows a failure. */
public enum Stage {
    CHECKOUT, TEST, BUILD, PUSH, DEPLOY, REGISTER, PRE_INTEGRATION, SWITCH, POST_INTEGRATION, ANALYSIS, CLEANUP, UNDO;

    /** The stage's name as shown and stored: "pre-integration" … */
    public String word() {
        return name().toLowerCase().replace('_', '-');
    }
}
