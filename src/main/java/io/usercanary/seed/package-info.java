/**
 * Canary accounts in Firebase: created and kept as the config says ({@code seed}), and ephemeral accounts renewed
 * before a run ({@link io.usercanary.seed.RenewingProbe}). Depends on {@code probe} one way (it provisions through
 * {@code FlowRunner}); uses {@code auth}, {@code http} and {@code config}.
 */
package io.usercanary.seed;
