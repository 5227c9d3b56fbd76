package io.strand.broker.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MemoryBudgetTest {
    private static final long WAIT_LONG = TimeUnit.SECONDS.toNanos(20);
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void reservationsUpToTheLimitFitAndReleasesReturnThem() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.reserve(60, 0));
        assertTrue(budget.reserve(40, 0));
        assertFalse(budget.reserve(1, 0), "full");
        assertEquals(100, budget.inUse());
        budget.release(100);
        assertEquals(0, budget.inUse());
    }

    @Test
    void aReservationLargerThanTheWholeBudgetFailsAtOnceInsteadOfWaiting() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertFalse(budget.reserve(101, WAIT_LONG), "would never fit: no wait");
        assertEquals(0, budget.inUse());
    }

    @Test
    void aWaitingReservationGetsTheRoomAnotherThreadReleases() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.reserve(80, 0));
        Future<Boolean> waiting = pool.submit(() -> budget.reserve(50, WAIT_LONG));
        assertFalse(waitFor(waiting, 200), "no room yet");
        budget.release(80);
        assertTrue(waiting.get(10, TimeUnit.SECONDS));
        assertEquals(50, budget.inUse());
    }

    @Test
    void aWaitEndsWithFalseWhenNoRoomComes() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.reserve(100, 0));
        assertFalse(budget.reserve(1, TimeUnit.MILLISECONDS.toNanos(50)));
        assertEquals(100, budget.inUse());
    }

    @Test
    void closingFailsWaitersAndLaterReservationsButReleasesStillCount() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.reserve(100, 0));
        Future<Boolean> waiting = pool.submit(() -> budget.reserve(10, WAIT_LONG));
        assertFalse(waitFor(waiting, 100));
        budget.close();
        assertFalse(waiting.get(10, TimeUnit.SECONDS));
        budget.release(100);
        assertFalse(budget.reserve(1, 0));
        assertEquals(0, budget.inUse());
    }

    @Test
    void releasingMoreThanIsReservedIsABug() throws Exception {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.reserve(10, 0));
        assertThrows(IllegalStateException.class, () -> budget.release(11));
    }

    @Test
    void aConnectionsShareIsFreeUpToItsAllowanceAndReservedInGranulesBeyond() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        ConnectionMemory memory = new ConnectionMemory(budget, Duration.ZERO);
        memory.cover(ConnectionMemory.ALLOWANCE);
        assertEquals(0, budget.inUse(), "within the allowance");
        memory.cover(ConnectionMemory.ALLOWANCE + 1);
        assertEquals(ConnectionMemory.GRANULE, budget.inUse());
        memory.cover(ConnectionMemory.ALLOWANCE + 100_000);
        assertEquals(2 * ConnectionMemory.GRANULE, budget.inUse());
        memory.releaseTo(ConnectionMemory.ALLOWANCE + 10);
        assertEquals(ConnectionMemory.GRANULE, budget.inUse());
        MemoryBudgetException tooBig = assertThrows(MemoryBudgetException.class,
                () -> memory.cover(ConnectionMemory.ALLOWANCE + (2 << 20)));
        assertTrue(tooBig.getMessage().contains("more than max.inflight.request.bytes"), tooBig.getMessage());
        memory.releaseAll();
        assertEquals(0, budget.inUse());
        memory.releaseAll();
        assertEquals(0, budget.inUse(), "idempotent");
    }

    @Test
    void aConnectionThatFindsNoRoomInTimeGetsAnErrorNamingTheSettings() throws Exception {
        MemoryBudget budget = new MemoryBudget(1 << 20);
        assertTrue(budget.reserve(1 << 20, 0));
        ConnectionMemory memory = new ConnectionMemory(budget, Duration.ofMillis(20));
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class,
                () -> memory.cover(ConnectionMemory.ALLOWANCE + 1));
        assertTrue(e.getMessage().contains("inflight.request.wait.ms") && e.getMessage().contains("max.inflight.request.bytes"),
                e.getMessage());
        assertEquals(0, memory.reserved());
    }

    private static boolean waitFor(Future<?> future, long millis) throws Exception {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

}
