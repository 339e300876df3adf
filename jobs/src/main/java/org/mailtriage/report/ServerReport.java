package org.mailtriage.report;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.List;

/** What the report says about one server: its remediation row and its delisting requests. */
public record ServerReport(ServerRemediation remediation, List<DelistingRequest> delistingRequests) implements Serializable {
    public ServerReport {
        requireNonNull(remediation, "remediation is null");
        delistingRequests = List.copyOf(delistingRequests);
    }
}
