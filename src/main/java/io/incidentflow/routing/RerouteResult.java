package io.incidentflow.routing;

import java.util.List;

/**
 * What a router did.
 *
 * @param summary told to customers as the workaround
 * @param changes one line per server state changed, for the incident's record
 */
public record RerouteResult(String routerName, String summary, List<String> changes) {}
