/** Permissions per folder: the rules a user and its groups carry, and the one evaluator every check uses. */
package dev.wharf.core.access;
