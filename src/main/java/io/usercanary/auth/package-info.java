/**
 * Firebase Authentication: REST sign-in, account lookup and token refresh with errors kept as Firebase's codes;
 * how each account signs in ({@link io.usercanary.auth.SignIns}) and what its sign-in keeps between runs
 * ({@link io.usercanary.auth.SignInState}: tokens, throttle backoff); firebase-admin for custom tokens and accounts.
 * Uses {@code http} and {@code config}; used by {@code probe}, {@code seed} and the composition root, never by
 * metrics, pages or the scheduler.
 */
package io.usercanary.auth;
