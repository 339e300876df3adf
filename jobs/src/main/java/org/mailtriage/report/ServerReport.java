package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What the report says about one server: its remediation row and its delisting requests. */
public record ServerReport(ServerRemediation remediation, List<DelistingRequest> delistingRequests) {
    public ServerReport {
        requireNonNull(remediation, "remediation is null");
        delistingRequests = List.copyOf(delistingRequests);
    }
}
