package dev.gantry.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OwnerTest {
    /** Linux never gives out a pid above 2^22 (PID_MAX_LIMIT), so no process can have this one. */
    private static final long NO_SUCH_PID = 4_194_305L;

    private final Owner self = Owner.current();

    @Test
    void theStoredTextReadsBackAsTheSameOwner() {
        Owner owner = new Owner("build-1", 1234, 1_764_185_202_000L, "ci|bot");

        assertThat(owner.text()).isEqualTo("build-1|1234|1764185202000|ci|bot");
        assertThat(Owner.parse(owner.text())).isEqualTo(owner);
    }

    @Test
    void peopleSeeUserHostAndPid() {
        assertThat(new Owner("build-1", 1234, 0, "root").describe()).isEqualTo("root@build-1 pid 1234");
    }

    @Test
    void malformedTextSaysWhatAnOwnerLooksLike() {
        assertThatThrownBy(() -> Owner.parse("build-1|12x4|0|root"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host|pid|startedAt|user").hasMessageContaining("build-1|12x4|0|root");
        assertThatThrownBy(() -> Owner.parse("build-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCurrentOwnerIsThisProcess() {
        ProcessHandle process = ProcessHandle.current();

        assertThat(self.pid()).isEqualTo(process.pid());
        assertThat(self.startedAt()).isEqualTo(process.info().startInstant().orElseThrow().toEpochMilli());
        assertThat(self.user()).isEqualTo(System.getProperty("user.name"));
        assertThat(self.host()).isNotBlank().doesNotContain("|");
        assertThat(self.isHere()).isTrue();
    }

    @Test
    void thisRunningProcessIsNotGone() {
        assertThat(self.isGoneHere()).isFalse();
        assertThat(Owner.parse(self.text()).isGoneHere()).isFalse();
    }

    @Test
    void aPidNoProcessHasOnThisHostIsGone() {
        assertThat(new Owner(self.host(), NO_SUCH_PID, self.startedAt(), self.user()).isGoneHere()).isTrue();
    }

    @Test
    void aStartReadASecondApartIsTheSameProcess() {
        Owner readBefore = new Owner(self.host(), self.pid(), self.startedAt() + 1_000, self.user());

        assertThat(readBefore.isGoneHere()).as("the boot time the JVM adds to the start moves in whole seconds").isFalse();
    }

    @Test
    void aReusedPidIsGone() {
        Owner earlier = new Owner(self.host(), self.pid(), self.startedAt() - 60_000, self.user());

        assertThat(earlier.isGoneHere()).as("the owner that had this pid a minute before this process").isTrue();
    }

    @Test
    void anOwnerOnAnotherHostIsNeverKnownToBeGone() {
        Owner elsewhere = new Owner(self.host() + "-elsewhere", NO_SUCH_PID, 1, self.user());

        assertThat(elsewhere.isHere()).isFalse();
        assertThat(elsewhere.isGoneHere()).isFalse();
    }
}
