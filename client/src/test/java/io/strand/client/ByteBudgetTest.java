package io.strand.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ByteBudgetTest {

    @Test
    void aFullBudgetRefusesAfterTheWaitAndAcceptsOnceBytesAreReleased() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        assertTrue(budget.acquire(100, Duration.ZERO));
        assertFalse(budget.acquire(1, Duration.ofMillis(20)), "no room, and nobody releases");
        budget.release(40);
        assertTrue(budget.acquire(40, Duration.ZERO));
        assertEquals(100, budget.used());
    }

    @Test
    void aWaitingReservationIsWokenByARelease() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        assertTrue(budget.acquire(100, Duration.ZERO));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return budget.acquire(60, Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50); // let it block (it passes either way; the release must reach it when it has)
        budget.release(100);
        assertTrue(waiting.get(30, TimeUnit.SECONDS), "woken well before its 30 s wait ran out");
        assertEquals(60, budget.used());
    }

    /**
     * Many threads contending for a budget that fits only a few reservations: every reservation must
     * succeed (a lost wake-up would leave one waiting out its 30 s and fail), and nothing may leak.
     */
    @Test
    void noWakeUpIsLostUnderContention() throws Exception {
        ByteBudget budget = new ByteBudget(30);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                workers.add(pool.submit(() -> {
                    int granted = 0;
                    for (int i = 0; i < 20_000; i++) {
                        if (budget.acquire(10, Duration.ofSeconds(30))) {
                            granted++;
                            budget.release(10);
                        }
                    }
                    return granted;
                }));
            }
            for (Future<Integer> w : workers) {
                assertEquals(20_000, w.get(50, TimeUnit.SECONDS));
            }
            assertEquals(0, budget.used());
        } finally {
            pool.shutdownNow();
        }
    }
}
