package dev.gantry.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gantry.stage.Stage;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The flows list the stages of docs/design.md ("The flow") in its order, and each ends the same way. */
class FlowsTest {

    @Test
    void aRunChecksOutTestsWhileBuildingPushesThenDeploysWithBothIntegrationPhases() {
        assertThat(stages(Flows.run())).containsExactly(Stage.CHECKOUT, Stage.TEST, Stage.BUILD, Stage.PUSH,
                Stage.DEPLOY, Stage.REGISTER, Stage.PRE_INTEGRATION, Stage.SWITCH, Stage.POST_INTEGRATION, Stage.ANALYSIS);
    }

    @Test
    void aDeployStartsAtDeployAndKeepsBothIntegrationPhases() {
        assertThat(stages(Flows.deploy())).containsExactly(Stage.DEPLOY, Stage.REGISTER, Stage.PRE_INTEGRATION,
                Stage.SWITCH, Stage.POST_INTEGRATION, Stage.ANALYSIS);
    }

    @Test
    void aRollbackSkipsBothIntegrationPhases() {
        assertThat(stages(Flows.rollback())).containsExactly(Stage.DEPLOY, Stage.REGISTER, Stage.SWITCH);
    }

    @Test
    void everyFlowIsUndoneByTheUndoStageAndCleanedUpByTheCleanupStage() {
        for (Flow flow : List.of(Flows.run(), Flows.deploy(), Flows.rollback())) {
            assertThat(flow.undo().stage()).isEqualTo(Stage.UNDO);
            assertThat(flow.cleanup().stage()).isEqualTo(Stage.CLEANUP);
        }
    }

    @Test
    void theTestsAndTheBuildAreOneStepTheyRunSideBySide() {
        assertThat(Flows.run().steps()).startsWith(List.of(Stage.CHECKOUT), List.of(Stage.TEST, Stage.BUILD),
                List.of(Stage.PUSH), List.of(Stage.DEPLOY)).endsWith(List.of(Stage.CLEANUP));
        assertThat(Flows.rollback().steps()).allMatch(step -> step.size() == 1);
    }

    @Test
    void theStagesAFlowDrawsEndWithTheCleanupWhereItRetiresAColour() {
        assertThat(Flows.run().stages()).containsExactly(Stage.CHECKOUT, Stage.TEST, Stage.BUILD, Stage.PUSH,
                Stage.DEPLOY, Stage.REGISTER, Stage.PRE_INTEGRATION, Stage.SWITCH, Stage.POST_INTEGRATION, Stage.ANALYSIS,
                Stage.CLEANUP);
        assertThat(Flows.rollback().stages()).containsExactly(Stage.DEPLOY, Stage.REGISTER, Stage.SWITCH, Stage.CLEANUP);
        assertThat(Flows.scale().stages()).as("scaling retires no colour").containsExactly(Stage.DEPLOY);
    }

    private static List<Stage> stages(Flow flow) {
        Stream<Step> before = flow.preDeployment().stream().flatMap(part -> switch (part) {
            case Step step -> Stream.of(step);
            case TestWhileBuilding both -> Stream.of(both.test(), both.build());
        });
        return Stream.concat(before, flow.deployment().stream()).map(Step::stage).toList();
    }
}
