/** Traces (OpenTelemetry) and the session's logging context across gateways and services. */
package dev.wharf.api.trace;
