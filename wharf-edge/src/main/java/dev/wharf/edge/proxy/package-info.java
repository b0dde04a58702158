/** PROXY protocol v1 and v2 (haproxy.org proxy-protocol.txt): decoding headers and deciding whose to believe. */
package dev.wharf.edge.proxy;
