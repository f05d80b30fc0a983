package dev.gantry.flow;

/** An element of a flow's list: one step, or the test and build steps that overlap. */
sealed interface Part permits Step, TestWhileBuilding {
}
