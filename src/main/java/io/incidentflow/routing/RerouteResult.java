package io.incidentflow.routing;

/** What a router did; the summary is shown to customers as the workaround. */
public record RerouteResult(String routerName, String summary) {}
