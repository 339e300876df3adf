package org.rapaio.jupyter.kernel.channels;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's LoopThread (same name, same public API), put before the kernel jar on the
 * kernel's class path by notebooks/install-kernel.sh.
 *
 * <p>The original start() calls Thread.start() first and sets {@code running = true} after it, while run() loops
 * {@code while (running)}: when the new thread reaches run() before its starter sets the flag (a loaded machine), the
 * loop ends at once and the thread is gone. The shell, control and heartbeat channels each run on such a thread; with
 * the shell one gone the kernel never answers kernel_info and Jupyter waits out its whole startup timeout (the stalls
 * NotebooksIT saw: the kernel JVM idle, no Shell-0 thread in jstack). Here the flag is set before the thread starts.
 * Everything else is as in the original: the body runs, then the thread sleeps {@code sleep} ms, until shutdown() or
 * an interrupt.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            loopBody.run();
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
