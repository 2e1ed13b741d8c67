/** The Java side of {@code ./sluice}: the local platform's launcher, demo traffic, status, send and sql. */
package dev.sluice.launcher;
