package dev.wharf.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The gateway settings the local cluster takes from the Helm chart's {@code values.yaml}, so that what runs here is
 * sized as the chart deploys it: the passive slice per replica, the drain time, the passive address check.
 *
 * @param portsPerReplica  {@code gatewayFtp.passive.portsPerReplica}: the size of each replica's passive slice
 * @param drainSeconds     {@code gateways.drainSeconds}: the gateways' shutdown deadline is this minus 5 s
 * @param passiveIpCheck   {@code gatewayFtp.passiveIpCheck}
 * @param preStopSeconds   {@code gateways.preStopSleepSeconds}: how long a replica taken out of the balancer keeps
 *                         serving before it is told to stop (a rolling restart's step)
 */
public record ClusterValues(int portsPerReplica, int drainSeconds, boolean passiveIpCheck, int preStopSeconds) {

    /** Passive data connections an FTP session holds at once: a new PASV/EPSV releases the previous port. */
    public static final int DATA_CONNECTIONS_PER_SESSION = 1;

    /** Reads the values from {@code <project>/helm/wharf/values.yaml}. */
    public static ClusterValues fromChart() {
        return read(ProjectPaths.root().resolve("helm/wharf/values.yaml"));
    }

    /** Reads the values from a chart values file; a missing key fails naming it. */
    public static ClusterValues read(Path valuesYaml) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(valuesYaml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the chart values " + valuesYaml, e);
        }
        return new ClusterValues(
                required(root, valuesYaml, "gatewayFtp", "passive", "portsPerReplica").asInt(),
                required(root, valuesYaml, "gateways", "drainSeconds").asInt(),
                required(root, valuesYaml, "gatewayFtp", "passiveIpCheck").asBoolean(),
                required(root, valuesYaml, "gateways", "preStopSleepSeconds").asInt());
    }

    /**
     * Logged-in FTP sessions a replica accepts ({@code wharf.ftp.max-logins}): the slice divided by the data
     * connections a session holds at once, so that a logged-in session always finds a free passive port.
     */
    public int maxLoginsPerReplica() {
        return portsPerReplica / DATA_CONNECTIONS_PER_SESSION;
    }

    /** The gateways' shutdown deadline: drainSeconds - 5, as the chart sets it. */
    public Duration shutdownDeadline() {
        return Duration.ofSeconds(Math.max(1, drainSeconds - 5));
    }

    /** First passive port of replica {@code ordinal} in a range starting at {@code rangeStart}. */
    public int sliceFirst(int rangeStart, int ordinal) {
        return rangeStart + ordinal * portsPerReplica;
    }

    /** Last passive port of replica {@code ordinal}. */
    public int sliceLast(int rangeStart, int ordinal) {
        return sliceFirst(rangeStart, ordinal) + portsPerReplica - 1;
    }

    private static JsonNode required(JsonNode root, Path file, String... path) {
        JsonNode node = root;
        for (String key : path) {
            node = node == null ? null : node.get(key);
        }
        if (node == null || node.isNull()) {
            throw new IllegalStateException(file + " has no " + String.join(".", path));
        }
        return node;
    }
}
