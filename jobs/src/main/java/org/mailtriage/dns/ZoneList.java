package org.mailtriage.dns;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** The blocklist zones, read from a zones.csv (the built-in one unless {@code --zones} names another). */
public final class ZoneList implements Serializable {
    public static final String DEFAULT_RESOURCE = "/org/mailtriage/dns/zones.csv";

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private final List<DnsblZone> zones;

    public ZoneList(List<DnsblZone> zones) {
        this.zones = List.copyOf(zones);
    }

    public static ZoneList builtIn() {
        try (InputStream in = ZoneList.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a zone file; a bad line is an {@link IllegalArgumentException} naming the source and line. */
    public static ZoneList read(Reader reader, String source) throws IOException {
        List<DnsblZone> zones = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CSVRecord record : FORMAT.parse(reader)) {
            try {
                DnsblZone zone = parse(record);
                if (!seen.add(zone.name())) {
                    throw new IllegalArgumentException("zone listed twice: " + zone.name());
                }
                zones.add(zone);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + record.getParser().getCurrentLineNumber() + ": " + e.getMessage(), e);
            }
        }
        return new ZoneList(zones);
    }

    public List<DnsblZone> all() {
        return zones;
    }

    public List<DnsblZone> enabled() {
        return zones.stream().filter(DnsblZone::enabled).toList();
    }

    private static DnsblZone parse(CSVRecord record) {
        String name = required(record, "zone").toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        ZoneKind kind = ZoneKind.parse(required(record, "kind"));
        Map<String, String> codes = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : pairs(optional(record, "codes")).entrySet()) {
            if (!entry.getKey().equals("*")) {
                requireLoopbackCode(entry.getKey());
            }
            codes.put(entry.getKey(), entry.getValue());
        }
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("zone " + name + " has no codes");
        }
        Map<String, DnsblZone.ErrorCode> errors = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : pairs(optional(record, "error_codes")).entrySet()) {
            requireLoopbackCode(entry.getKey());
            String value = entry.getValue();
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("error code " + entry.getKey() + " needs kind:meaning");
            }
            ErrorKind errorKind = ErrorKind.valueOf(value.substring(0, colon).strip().toUpperCase(Locale.ROOT));
            errors.put(entry.getKey(), new DnsblZone.ErrorCode(errorKind, value.substring(colon + 1).strip()));
        }
        String keyTemplate = optional(record, "key_template");
        String keyEnvironment = optional(record, "key_env");
        if ((keyTemplate == null) != (keyEnvironment == null) || (keyTemplate != null && !keyTemplate.contains("{key}"))) {
            throw new IllegalArgumentException("key_template (with {key}) and key_env go together");
        }
        String rate = optional(record, "rate_per_second");
        String testListed = optional(record, "test_listed");
        String testNotListed = optional(record, "test_not_listed");
        return new DnsblZone(name, kind, parseBoolean(record, "ipv6"), parseBoolean(record, "enabled"), codes, errors,
                optional(record, "removal_url"), keyTemplate, keyEnvironment, rate == null ? 0 : Double.parseDouble(rate),
                testListed != null ? testListed : kind == ZoneKind.IP ? "127.0.0.2" : "test",
                testNotListed != null ? testNotListed : kind == ZoneKind.IP ? "127.0.0.1" : "invalid");
    }

    private static void requireLoopbackCode(String code) {
        if (!ReverseNames.isIpv4(code) || !code.startsWith("127.")) {
            throw new IllegalArgumentException("return code must be an address in 127.0.0.0/8: " + code);
        }
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (text == null) {
            return pairs;
        }
        for (String item : text.split(";")) {
            if (item.isBlank()) {
                continue;
            }
            int equals = item.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected code=meaning, got '" + item.strip() + "'");
            }
            pairs.put(item.substring(0, equals).strip(), item.substring(equals + 1).strip());
        }
        return pairs;
    }

    private static boolean parseBoolean(CSVRecord record, String column) {
        String value = required(record, column).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new IllegalArgumentException(column + " must be true or false, not '" + value + "'");
        };
    }

    private static String required(CSVRecord record, String column) {
        String value = optional(record, column);
        if (value == null) {
            throw new IllegalArgumentException("missing " + column);
        }
        return value;
    }

    private static String optional(CSVRecord record, String column) {
        if (!record.isMapped(column) || !record.isSet(column)) {
            return null;
        }
        String value = record.get(column).strip();
        return value.isEmpty() ? null : value;
    }
}
