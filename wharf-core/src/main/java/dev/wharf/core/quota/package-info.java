/** Storage quotas: a user's limits and a folder's usage, checked by storage-service while an upload streams. */
package dev.wharf.core.quota;
