package dev.gantry.proxy.haproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code show stat} and {@code show proc} answers as HAProxy 2.6 gives them. */
class StatusParsingTest {
    private static final String HEADER = "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
            + "eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,"
            + "lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,"
            + "hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,"
            + "comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,"
            + "agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,"
            + "agent_health,addr,cookie,mode,algo,\n";

    private static String row(String server, int sessions, String status, String address) {
        return "be_1," + server + ",0,0," + sessions + ",0,,0,0,0,,0,,0,0,0,0," + status
                + ",1,1,0,,,1,,,1,4,1,,0,,2,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,," + address
                + ",,http,,\n";
    }

    @Test
    void readsEachSlotsStatusSessionsAndAddress() {
        ServerStats stats = ServerStats.parse(HEADER + row("A1", 3, "DRAIN", "127.0.0.1:32001")
                + row("B1", 0, "no check", "127.0.0.1:32002") + row("B2", 0, "MAINT", "127.0.0.1:1") + "\n");

        assertThat(stats.slots()).containsEntry("be_1/A1", new ServerStats.Slot("DRAIN", 3, "127.0.0.1:32001"))
                .containsEntry("be_1/B1", new ServerStats.Slot("no check", 0, "127.0.0.1:32002"));
        assertThat(stats.slots().get("be_1/B1").serving()).isTrue();
        assertThat(stats.slots().get("be_1/A1").serving()).isFalse();
        assertThat(stats.slots().get("be_1/B2").parked()).isTrue();
        assertThat(stats.sessions(List.of("be_1/A1", "be_1/B1", "be_9/A1"))).isEqualTo(3);
    }

    @Test
    void refusesAnAnswerThatIsNotAStatTable() {
        assertThatThrownBy(() -> ServerStats.parse("Unknown command.\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheReloadCountsAndCurrentWorkersOfShowProc() {
        String answer = """
                #<PID>          <type>          <reloads>       <uptime>        <version>
                4448            master          2 [failed: 1]   0d00h00m15s     2.6.12-1+deb12u4
                # workers
                5473            worker          0               0d00h00m01s     2.6.12-1+deb12u4
                # old workers
                4450            worker          1               0d00h00m15s     2.6.12-1+deb12u4
                # programs

                """;

        assertThat(MasterStatus.parse(answer)).isEqualTo(new MasterStatus(2, 1, List.of(5473L)));
    }
}
