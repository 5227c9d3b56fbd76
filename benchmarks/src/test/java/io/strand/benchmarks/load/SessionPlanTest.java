package io.strand.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strand.benchmarks.load.sut.MessageSink;
import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.PublishClient;
import io.strand.benchmarks.load.sut.PublishProfile;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Tail;
import io.strand.benchmarks.load.sut.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionPlanTest {
    static final Mode FSYNC = new Mode("fsync", "per-ack", "fsync");
    static final Mode WAL = new Mode("wal", "none", "wal");
    static final Mode STRICT = new Mode("strict", "per-ack", "strict");

    /** Only {@link #modes} matters to the plan. */
    record ModesOnly(String name) implements SystemUnderTest {
        @Override
        public List<Mode> modes(Workload w) {
            return switch (w) {
                case W1 -> List.of(FSYNC, WAL);
                case W2 -> List.of(STRICT);
                default -> List.of(FSYNC);
            };
        }

        @Override public void start(Mode mode, Path workDir) { }
        @Override public void stop() { }
        @Override public Path dataDir() { return Path.of("."); }
        @Override public void createTopics(List<String> topics, Mode mode) { }
        @Override public PublishClient publisher(PublishProfile profile) { throw new UnsupportedOperationException(); }
        @Override public Tail tail(String t, String s, MessageSink sink) { throw new UnsupportedOperationException(); }
        @Override public long replay(List<String> t, long n, MessageSink s, Duration d) { return 0; }
        @Override public boolean fetchFirst(String topic) { return false; }
        @Override public void close() { }
    }

    @Test
    void sharedWorkloadsRunPerModeInOrderAndIsolatedOnesGetFreshServers() {
        List<SessionPlan> plan = SessionPlan.of(new ModesOnly("x"), EnumSet.allOf(Workload.class));

        assertEquals(List.of(
                new SessionPlan(FSYNC, List.of(Workload.W1, Workload.W3, Workload.W4, Workload.W5)),
                new SessionPlan(WAL, List.of(Workload.W1)),
                new SessionPlan(STRICT, List.of(Workload.W2)),
                new SessionPlan(FSYNC, List.of(Workload.W6)),
                new SessionPlan(FSYNC, List.of(Workload.W7))), plan);
    }

    @Test
    void onlyTheChosenWorkloadsArePlanned() {
        List<SessionPlan> plan = SessionPlan.of(new ModesOnly("x"), EnumSet.of(Workload.W4, Workload.W7));

        assertEquals(List.of(new SessionPlan(FSYNC, List.of(Workload.W4)), new SessionPlan(FSYNC, List.of(Workload.W7))),
                plan);
    }
}
