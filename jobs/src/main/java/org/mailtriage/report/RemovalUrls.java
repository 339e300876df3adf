package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Where to ask for removal from a list. In order: the zone data's removal page (carried in the DNS
 * answer), a URL in the list's TXT answer (lists put their look-up page there), the known page for
 * the named list (data: {@code removal_urls.csv}), and last a URL the receiver put in its bounce.
 */
public final class RemovalUrls implements Serializable {
    public static final String DEFAULT_RESOURCE = "/org/mailtriage/report/removal_urls.csv";
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>\\u2039\\u203A()\\[\\]{}|\\\\^`]+", Pattern.CASE_INSENSITIVE);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setIgnoreEmptyLines(true).get();

    /** A URL and where it came from: zone_data, dns_txt, known_list or bounce_text. */
    public record Found(String url, String source) {
        public Found {
            requireNonNull(url, "url is null");
            requireNonNull(source, "source is null");
        }
    }

    /** One row of the data file. */
    public record Entry(String match, String urlTemplate) implements Serializable {
        public Entry {
            requireNonNull(match, "match is null");
            requireNonNull(urlTemplate, "urlTemplate is null");
            match = match.toLowerCase(Locale.ROOT);
        }

        boolean matches(String listName) {
            return listName.toLowerCase(Locale.ROOT).contains(match);
        }
    }

    private final List<Entry> entries;

    public RemovalUrls(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static RemovalUrls loadDefault() {
        try (InputStream in = RemovalUrls.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            return read(new InputStreamReader(requireNonNull(in, DEFAULT_RESOURCE), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RemovalUrls read(Reader reader) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (CSVRecord record : FORMAT.parse(reader)) {
            String url = record.get("url").strip();
            if (!URL.matcher(url.replace("{ip}", "0")).matches()) {
                throw new IllegalArgumentException("removal_urls line " + record.getRecordNumber() + ": not an http(s) URL: " + url);
            }
            entries.add(new Entry(record.get("match").strip(), url));
        }
        return new RemovalUrls(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The best URL for asking {@code list} to remove {@code ip}, or null when none is known. */
    public Found find(String list, String ip, String zoneDataUrl, String dnsTxt, List<String> bounceTexts) {
        String fromZoneData = firstUrl(zoneDataUrl);
        if (fromZoneData != null) {
            return new Found(fromZoneData, "zone_data");
        }
        String fromTxt = firstUrl(dnsTxt);
        if (fromTxt != null) {
            return new Found(fromTxt, "dns_txt");
        }
        String known = known(list, ip);
        if (known != null) {
            return new Found(known, "known_list");
        }
        for (String text : bounceTexts) {
            String fromBounce = firstUrl(text);
            if (fromBounce != null) {
                return new Found(fromBounce, "bounce_text");
            }
        }
        return null;
    }

    /** The known look-up page for a list, with the IP filled in, or null. */
    public String known(String list, String ip) {
        if (list == null) {
            return null;
        }
        for (Entry entry : entries) {
            if (entry.matches(list)) {
                return entry.urlTemplate().replace("{ip}", ip);
            }
        }
        return null;
    }

    /** The first http(s) URL in the text, without trailing punctuation, or null. */
    public static String firstUrl(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = URL.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        String url = matcher.group();
        while (!url.isEmpty() && ".,;:!?".indexOf(url.charAt(url.length() - 1)) >= 0) {
            url = url.substring(0, url.length() - 1);
        }
        return url;
    }
}
