/** Canary accounts in Firebase: created and kept as the config says ({@code seed}), and ephemeral accounts renewed before a run. */
package io.usercanary.seed;
