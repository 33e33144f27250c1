/**
 * The Google sign-in stand-in for local runs and tests.
 * @module
 */
export { startGoogleSignIn, DEFAULT_GOOGLE_CLIENT_ID, GOOGLE_JWKS_PATH, type GoogleSignIn, type GoogleSignInOptions } from './server.ts';
export { DEV_ID_TOKEN_PATH } from './dev-id-token-route.ts';
export { devIdTokenRequestSchema, type DevIdTokenRequest } from './dev-id-token-request.ts';
export { buildGoogleIdTokenClaims, googleSubjectForEmail, displayNameFromEmail, type GoogleIdTokenClaims } from './google-claims.ts';
export { SIGN_IN_PAGE_PATH, type SignInTarget } from './sign-in-page.ts';
