/** Connection caps per replica and per client address, with OpenSSH MaxStartups-style early drop. */
package dev.wharf.edge.limits;
