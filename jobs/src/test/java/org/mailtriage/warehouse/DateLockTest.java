package org.mailtriage.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DateLockTest {
    private static final LocalDate DAY = LocalDate.parse("2026-11-26");
    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path folder;

    @Test
    void secondHolderIsRefusedWithAClearMessageUntilTheFirstReleases() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        Path lockFile = folder.resolve("_locks/2026-11-26.lock");
        try (DateLock first = DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0)) {
            assertThat(Files.readString(lockFile, StandardCharsets.UTF_8)).contains("command=nightly").contains("pid=");
            assertThatThrownBy(() -> DateLock.acquire(HADOOP, warehouse, DAY, "report", 0))
                    .isInstanceOf(DateLock.LockedException.class)
                    .hasMessageContaining("another mailtriage run is writing 2026-11-26")
                    .hasMessageContaining("held by command=nightly")
                    .hasMessageContaining("delete " + first.path());
            // Another date is not blocked.
            DateLock.acquire(HADOOP, warehouse, DAY.minusDays(1), "nightly", 0).close();
        }
        assertThat(lockFile).doesNotExist();
        DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0).close();
    }

    @Test
    void waiterGetsTheLockWhenTheHolderReleases() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toString());
        DateLock holder = DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> waiter = executor.submit(() -> {
                DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 60).close();
                return null;
            });
            Thread.sleep(600);
            assertThat(waiter.isDone()).isFalse();
            holder.close();
            waiter.get(30, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void exactlyOneOfManyRacingRunsWins() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        int runners = 8;
        ExecutorService executor = Executors.newFixedThreadPool(runners);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DateLock>> attempts = new ArrayList<>();
        for (int index = 0; index < runners; index++) {
            attempts.add(executor.submit(() -> {
                start.await();
                try {
                    return DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0);
                } catch (DateLock.LockedException e) {
                    return null;
                }
            }));
        }
        start.countDown();
        List<DateLock> winners = new ArrayList<>();
        for (Future<DateLock> attempt : attempts) {
            DateLock lock = attempt.get(30, TimeUnit.SECONDS);
            if (lock != null) {
                winners.add(lock);
            }
        }
        executor.shutdown();
        assertThat(winners).hasSize(1);
        winners.get(0).close();
    }

    @Test
    void aLockTakenOverByAnotherRunIsNotDeletedByTheOldHolder() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        DateLock stale = DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0);
        Path lockFile = folder.resolve("_locks/2026-11-26.lock");
        Files.delete(lockFile);
        try (DateLock current = DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0)) {
            stale.close();
            assertThat(lockFile).exists();
        }
        assertThat(lockFile).doesNotExist();
    }

    @Test
    void aLockLeftByADeadProcessOnThisHostIsTakenOver() throws Exception {
        Warehouse warehouse = new Warehouse(folder.toUri().toString());
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(30, TimeUnit.SECONDS);
        Path lockFile = folder.resolve("_locks/2026-11-26.lock");
        Files.createDirectories(lockFile.getParent());
        Files.writeString(lockFile, "token=killed\ncommand=nightly\nhost=" + DateLock.hostName() + "\npid=" + finished.pid()
                + "\nstarted=2026-11-26T00:00:00Z\n", StandardCharsets.UTF_8);
        try (DateLock taken = DateLock.acquire(HADOOP, warehouse, DAY, "nightly", 0)) {
            assertThat(Files.readString(lockFile, StandardCharsets.UTF_8)).doesNotContain("token=killed");
        }
        assertThat(lockFile).doesNotExist();
        assertThat(lockFile.getParent()).isEmptyDirectory();
    }

    @Test
    void whetherAHolderIsDeadIsJudgedOnlyOnItsOwnHost() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor(30, TimeUnit.SECONDS);
        ProcessHandle me = ProcessHandle.current();
        String myStart = me.info().startInstant().orElseThrow().toString();
        String host = DateLock.hostName();
        record Case(String lock, boolean dead) {
        }
        List<Case> cases = List.of(
                new Case("host=" + host + "\npid=" + finished.pid() + "\n", true),
                new Case("host=" + host + "\npid=" + me.pid() + "\nprocess_started=" + myStart + "\n", false),
                new Case("host=" + host + "\npid=" + me.pid() + "\n", false),
                new Case("host=" + host + "\npid=" + me.pid() + "\nprocess_started=2000-01-01T00:00:00Z\n", true),
                new Case("host=other.example\npid=" + finished.pid() + "\n", false),
                new Case("host=" + host + "\npid=not-a-number\n", false),
                new Case("command=nightly\n", false));
        for (Case example : cases) {
            assertThat(DateLock.holderIsDead(example.lock(), host)).as(example.lock()).isEqualTo(example.dead());
        }
    }
}
