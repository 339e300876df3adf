package org.mailtriage.ingest;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What the chunk readers share: the items one step of reading produced wait in a queue, and the last item of every chunk
 * is its {@link InputCounts}, so the counts balance whatever happened on the way. A reader implements {@link #advance}
 * (read a line, record or email; {@link #emit} what it gave) and {@link #counts}, and calls {@link #finish} at the end.
 */
public abstract class ChunkIterator implements Iterator<IngestItem> {
    private final ArrayDeque<IngestItem> pending = new ArrayDeque<>();
    private boolean finished;

    /** Reads the next piece of the chunk; may emit nothing (an ignored line) or several items. */
    protected abstract void advance();

    /** What was read so far, emitted once when the chunk is finished. */
    protected abstract InputCounts counts();

    protected final void emit(IngestItem item) {
        pending.add(item);
    }

    /** Ends the chunk: nothing is read after this, and its counts come last. */
    protected final void finish() {
        finished = true;
        pending.add(IngestItem.of(counts()));
    }

    @Override
    public final boolean hasNext() {
        while (pending.isEmpty() && !finished) {
            advance();
        }
        return !pending.isEmpty();
    }

    @Override
    public final IngestItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return pending.removeFirst();
    }
}
