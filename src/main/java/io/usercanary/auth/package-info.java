/** Firebase Authentication over its REST API: sign-in, account lookup, token refresh; errors kept as Firebase's codes. */
package io.usercanary.auth;
