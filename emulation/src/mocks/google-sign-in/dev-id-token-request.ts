/**
 * The body of `POST /dev/id-token`: who signs in, plus overrides that let a test build the
 * broken tokens an auth service must reject (wrong audience or issuer, expired, issued later).
 * @module
 */
import { z } from 'zod';

/** Google allows up to 255 ASCII characters for `sub`; real ones are 21-digit numbers. */
const GOOGLE_SUBJECT = /^[\x21-\x7e]{1,255}$/;

export const devIdTokenRequestSchema = z.strictObject({
  email: z.email(),
  name: z.string().trim().min(1).max(200).optional(),
  sub: z.string().regex(GOOGLE_SUBJECT, 'sub must be 1-255 printable ASCII characters').optional(),
  emailVerified: z.boolean().optional(),
  /** Replaces both `aud` and `azp`: a token minted for another app has that app's id in both. */
  audience: z.string().min(1).optional(),
  /** Replaces `iss`. */
  issuer: z.string().min(1).optional(),
  /** Lifetime from `iat`; negative gives an already expired token. Default 3600. */
  expiresInSeconds: z.number().int().min(-10 * 365 * 86_400).max(10 * 365 * 86_400).optional(),
  /** Shifts `iat` (and `nbf`) from now; positive gives a token that is not yet valid. */
  issuedAtOffsetSeconds: z.number().int().min(-10 * 365 * 86_400).max(10 * 365 * 86_400).optional(),
});

/** What a test may ask the stand-in to put in an ID token. */
export type DevIdTokenRequest = z.infer<typeof devIdTokenRequestSchema>;
