package io.strand.benchmarks.load;

import io.strand.benchmarks.load.sut.Mode;
import io.strand.benchmarks.load.sut.SystemUnderTest;
import io.strand.benchmarks.load.sut.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which server sessions a system runs: one fresh server (empty data directory) per durability mode
 * holding every shared workload of that mode, in workload order — so W4 replays what W1 stored — then
 * one fresh server per isolated workload (W6, W7).
 *
 * @param mode      the durability mode the server runs in
 * @param workloads the workloads run against it, in order
 */
record SessionPlan(Mode mode, List<Workload> workloads) {

    static List<SessionPlan> of(SystemUnderTest system, Set<Workload> selected) {
        Map<Mode, List<Workload>> shared = new LinkedHashMap<>();
        List<SessionPlan> isolated = new ArrayList<>();
        for (Workload w : new TreeSet<>(selected)) {
            for (Mode mode : system.modes(w)) {
                if (w.isolated()) {
                    isolated.add(new SessionPlan(mode, List.of(w)));
                } else {
                    shared.computeIfAbsent(mode, m -> new ArrayList<>()).add(w);
                }
            }
        }
        List<SessionPlan> plans = new ArrayList<>();
        shared.forEach((mode, workloads) -> plans.add(new SessionPlan(mode, List.copyOf(workloads))));
        plans.addAll(isolated);
        return plans;
    }
}
