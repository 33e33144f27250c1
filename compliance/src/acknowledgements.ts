/**
 * Every acknowledged compliance finding, in one place, each with the reason a reviewer would
 * accept and where the decision is written down. platform/bin/app.ts calls
 * {@link applyAcknowledgements} once, after every stage and stack exists (an acknowledgement
 * must be set on a construct that already exists). The checkov explanations are applied here
 * too, for the same reason.
 *
 * Rules for an entry: the exact finding id (one IAM5 action or resource per entry, never a
 * whole rule when the rule is granular), on the narrowest construct that holds every occurrence,
 * a reason of at least 40 characters that says why the finding cannot or should not be fixed,
 * and a reference.
 * @module
 */
import type { App } from 'aws-cdk-lib';
import { applyAcknowledgement, stagesOf, type Acknowledgement } from './acknowledgement.ts';
import { CHECKOV_EXPLANATIONS } from './checkov-explanations.ts';
import { applyCheckovSkip } from './checkov-skip.ts';

export const ACKNOWLEDGEMENTS: readonly Acknowledgement[] = [];

/** Applies every acknowledgement and checkov explanation to the constructs it names. */
export function applyAcknowledgements(app: App): void {
  const stages = stagesOf(app);
  for (const ack of ACKNOWLEDGEMENTS) applyAcknowledgement(stages, ack);
  for (const skip of CHECKOV_EXPLANATIONS) applyCheckovSkip(stages, skip);
}
