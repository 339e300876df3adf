package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces rapaio-jupyter-kernel 3.0.1's LoopThread (same name, same public API), put before the kernel jar on the
 * kernel's class path by notebooks/install-kernel.sh.
 *
 * <p>The original start() calls Thread.start() first and sets {@code running = true} after it, while run() loops
 * {@code while (running)}: when the new thread reaches run() before its starter sets the flag (a loaded machine), the
 * loop ends at once and the thread is gone. The shell, control and heartbeat channels each run on such a thread; with
 * the shell one gone the kernel never answers kernel_info and Jupyter waits out its whole startup timeout (the stalls
 * NotebooksIT saw: the kernel JVM idle, no Shell-0 thread in jstack). Here the flag is set before the thread starts.
 *
 * <p>The original also ends the thread on any exception from the body. One comes at start too: Channels.connect()
 * binds the sockets and starts these loops before it creates its handler map, so a kernel_info_request read in
 * between throws a NullPointerException in Channels.getHandler() and Shell-0 is gone (the same stall). Here an
 * exception from the body is logged and the loop goes on (that message is dropped; Jupyter sends kernel_info again
 * every second until it is answered). Otherwise as the original: the body runs, then the thread sleeps {@code sleep}
 * ms, until shutdown() or an interrupt.
 */
public final class LoopThread extends Thread {
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
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
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOGGER.log(Level.SEVERE, getName() + ": " + e + " (loop goes on)", e);
            }
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
