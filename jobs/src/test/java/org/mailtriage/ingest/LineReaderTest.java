package org.mailtriage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
    private record Line(long offset, long totalLength, boolean truncated, String kept) {
    }

    @Test
    void nextViewYieldsTheSameLinesAsNextAcrossBufferEdges() throws IOException {
        Random random = new Random(8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Several read buffers' worth of lines of every length around maxKeep, some with CR, LF inside runs of text.
        while (out.size() < 3 * (1 << 18) + 777) {
            int length = random.nextInt(10) == 0 ? random.nextInt(5000) : random.nextInt(120);
            for (int index = 0; index < length; index++) {
                out.write('a' + random.nextInt(26));
            }
            if (random.nextInt(5) == 0) {
                out.write('\r');
            }
            out.write('\n');
        }
        out.write("last line without LF\r".getBytes());
        byte[] bytes = out.toByteArray();
        for (int maxKeep : new int[] {100, 4096, 65536}) {
            assertThat(read(bytes, maxKeep, true)).isEqualTo(read(bytes, maxKeep, false));
        }
    }

    @Test
    void viewSkipsNothingAndTrimsCarriageReturns() throws IOException {
        byte[] bytes = "one\r\n\ntwo\nthree\r".getBytes();
        assertThat(read(bytes, 100, true)).extracting(Line::kept).containsExactly("one", "", "two", "three");
        assertThat(read(bytes, 100, true)).extracting(Line::offset).containsExactly(0L, 5L, 6L, 10L);
    }

    private static List<Line> read(byte[] bytes, int maxKeep, boolean view) throws IOException {
        LineReader reader = new LineReader(new ByteArrayInputStream(bytes), 0, maxKeep);
        List<Line> lines = new ArrayList<>();
        while (view ? reader.nextView() : reader.next()) {
            byte[] buffer = view ? reader.viewBuffer() : reader.buffer();
            int start = view ? reader.viewStart() : 0;
            lines.add(new Line(reader.offset(), reader.totalLength(), reader.truncated(),
                    new String(Arrays.copyOfRange(buffer, start, start + reader.length()))));
        }
        return lines;
    }
}
