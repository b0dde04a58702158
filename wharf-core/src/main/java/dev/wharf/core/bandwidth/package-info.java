/** Bandwidth limits per user: the limits a session's grant carries and the one throttle every gateway's transfers pass. */
package dev.wharf.core.bandwidth;
