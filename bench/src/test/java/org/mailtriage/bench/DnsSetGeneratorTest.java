package org.mailtriage.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsSetGeneratorTest {
    @TempDir
    Path directory;

    @Test
    void writesDistinctDocumentationIpsAndListsTheChosenShare() throws IOException {
        DnsSetGenerator.Summary summary = DnsSetGenerator.write(directory, 2000, 0.1, 0.2, "bench.test", 5);

        assertThat(summary.ipv4()).isEqualTo(400);
        assertThat(summary.ipv6()).isEqualTo(1600);
        assertThat(summary.listed()).isEqualTo(200);
        List<String> ips = Files.readAllLines(directory.resolve("ips.txt"));
        assertThat(ips).hasSize(2000).doesNotHaveDuplicates();
        assertThat(ips).allSatisfy(ip -> assertThat(ip).matches("(192\\.0\\.2|198\\.51\\.100|203\\.0\\.113)\\.\\d{1,3}|2001:db8(:[0-9a-f]{1,4}){6}"));
        List<String> names = Files.readAllLines(directory.resolve("names.txt"));
        assertThat(names).hasSize(2000).doesNotHaveDuplicates();
        assertThat(names).allSatisfy(name -> assertThat(name).endsWith(".bench.test"));
        List<String> listed = new java.util.ArrayList<>(dataLines(directory.resolve("v4.data")));
        listed.addAll(dataLines(directory.resolve("v6.data")));
        assertThat(listed).hasSize(200);
        assertThat(new HashSet<>(ips)).containsAll(listed);
        assertThat(Files.readAllLines(directory.resolve("v6.data"))).contains(":127.0.0.2:listed $");
    }

    @Test
    void ipv4IsBoundedByTheDocumentationRanges() throws IOException {
        DnsSetGenerator.Summary summary = DnsSetGenerator.write(directory, 5000, 0, 1, "bench.test", 5);
        assertThat(summary.ipv4()).isEqualTo(DnsSetGenerator.IPV4_CAPACITY);
        assertThat(summary.ipv6()).isEqualTo(5000 - DnsSetGenerator.IPV4_CAPACITY);
        assertThat(summary.listed()).isZero();
    }

    @Test
    void questionNamesAreReversedOctetsOrNibbles() {
        assertThat(DnsSetGenerator.questionName("192.0.2.10", "bench.test")).isEqualTo("10.2.0.192.bench.test");
        assertThat(DnsSetGenerator.questionName("2001:db8:1:2:3:4:5:abcd", "bench.test"))
                .isEqualTo("d.c.b.a.5.0.0.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.8.b.d.0.1.0.0.2.bench.test");
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> DnsSetGenerator.write(directory, 10, 1.5, 0.2, "bench.test", 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> dataLines(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.startsWith("$") && !line.startsWith(":")).toList();
    }
}
