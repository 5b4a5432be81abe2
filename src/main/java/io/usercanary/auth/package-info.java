/**
 * Firebase Authentication: REST sign-in, account lookup and token refresh with errors kept as Firebase's codes;
 * how each account signs in ({@link io.usercanary.auth.SignIns}); firebase-admin for custom tokens and accounts.
 */
package io.usercanary.auth;
