/**
 * The connection edge every gateway shares: PROXY protocol headers, address ranges, connection limits and the
 * refusals they produce. Plain Java (no MINA, no SSHD, no Quarkus); each gateway keeps only its transport glue.
 */
package dev.wharf.edge;
