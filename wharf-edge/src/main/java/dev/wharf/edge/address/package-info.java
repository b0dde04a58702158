/** Address literals and CIDR ranges, parsed one strict way for every gateway and service. */
package dev.wharf.edge.address;
